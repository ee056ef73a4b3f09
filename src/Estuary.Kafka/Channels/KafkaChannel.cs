using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Estuary.Channels;

namespace Estuary.Kafka;

/// <summary>
/// A channel that is a Kafka topic. A send is produced to the topic, keyed by its partition key (the
/// aggregate's id for messages to or from an aggregate) or else its message id, and completes when all
/// in-sync replicas have it. The consumer hands records out by key: records with different keys are handled
/// in parallel, those with the same key in order; a record's offset is stored only after its work committed
/// and every record before it in its partition is done. A message sent for later, or a delayed retry, waits
/// in the retry topic of its delay (<c>{topic}.retry.{delay}</c>), never blocking the channel's partitions.
/// </summary>
internal sealed class KafkaChannel : IPollableChannel, IInspectableChannel, IAsyncDisposable
{
    private static readonly TimeSpan s_joinTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_catchUpTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan s_brokerTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaTransport _transport;
    private readonly TimeSpan[] _delays;
    private readonly string[] _retryTopics;
    private readonly TimeProvider _time;

    public KafkaChannel(string name, KafkaChannelOptions options, KafkaTransport transport, IOutbox? outbox, ITransactionSessionFactory? sessions, TimeProvider time)
    {
        Name = name;
        Topic = options.Topic;
        GroupId = options.GroupId;
        DeadLetterTopic = options.DeadLetterTopic;
        _transport = transport;
        _time = time;
        _delays = options.SortedRetryDelays;
        _retryTopics = [.. options.RetryTopics];
        Outbox = outbox;
        Sessions = sessions;
        var retryTopics = _retryTopics.Select((topic, i) => (topic, _delays[i])).ToDictionary(p => p.topic, p => p.Item2, StringComparer.Ordinal);
        Consumer = new TopicConsumer(name, Topic, retryTopics, transport.ConsumerSettings(options), options.EffectiveMaxBuffered, time, transport.Logger);
    }

    public string Name { get; }

    /// <summary>The topic's name.</summary>
    public string Topic { get; }

    /// <summary>The consumer group of the host's consumer.</summary>
    public string GroupId { get; }

    /// <summary>The topic dead letters go to instead of the host's dead letter, if any.</summary>
    internal string? DeadLetterTopic { get; }

    /// <summary>The retry topics, shortest delay first.</summary>
    internal IReadOnlyList<string> RetryTopics => _retryTopics;

    /// <summary>The channel's consumer (started by the first receive).</summary>
    internal TopicConsumer Consumer { get; }

    /// <summary>The host's outbox (what handlers send waits there until their transaction committed); null without a database.</summary>
    internal IOutbox? Outbox { get; }

    /// <summary>Opens the transaction each delivery carries; null without a database.</summary>
    internal ITransactionSessionFactory? Sessions { get; }

    /// <summary>The channel holds delayed messages itself, in its retry topics.</summary>
    public bool HoldsDelayedMessages => true;

    // Not an async method: the send is the delivery report's task itself, with no state machine around it.
    public ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ValueTask(_transport.Producer.ProduceAsync(TopicFor(message), KafkaEnvelope.Write(message), cancellationToken));
    }

    /// <summary>Produces every message at once (librdkafka batches them) and reports each one's outcome from its delivery report.</summary>
    public async ValueTask<Exception?[]> SendManyAsync(IReadOnlyList<ChannelMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var sends = new Task[messages.Count];
        for (var i = 0; i < sends.Length; i++)
        {
            sends[i] = _transport.Producer.ProduceAsync(TopicFor(messages[i]), KafkaEnvelope.Write(messages[i]), cancellationToken);
        }

        return await SendOutcomes.OfAsync(sends, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IChannelDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        Consumer.Start();
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The signal is taken only when nothing waits, then the buffer looked at again: a record that
            // arrived in between is taken, and one arriving later completes the signal.
            var changed = Consumer.TryTake(out var record) ? null : Consumer.Changed;
            if (record is not null || Consumer.TryTake(out record))
            {
                if (record.FromRetryTopic && await SettleEarlyAsync(record, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                return await DeliverAsync(record, cancellationToken).ConfigureAwait(false);
            }

            var waited = Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                if (waited >= wait)
                {
                    return null;
                }

                await Consumer.WaitAsync(changed!, wait - waited, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // A run that stops when the channel is empty: "empty" is known once the group assigned the
            // partitions and each was read to its end, which takes a moment after the consumer starts.
            if (Consumer.HasJoined ? Consumer.IsCaughtUp() || waited > s_joinTimeout + s_catchUpTimeout : waited > s_joinTimeout)
            {
                return null;
            }

            await Consumer.WaitAsync(changed!, TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A retry topic's record whose own due time is later than its topic's delay (longer than the longest
    /// retry topic) goes back to a retry topic, and its record is done.
    /// </summary>
    private async ValueTask<bool> SettleEarlyAsync(BufferedRecord record, CancellationToken cancellationToken)
    {
        var message = record.Message;
        if (record.ReadError is not null || message.AvailableAt is not { } due || due <= _time.GetUtcNow())
        {
            return false;
        }

        try
        {
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Consumer.GiveBack(record);
            throw;
        }

        Consumer.Finished(record);
        return true;
    }

    private async ValueTask<IChannelDelivery> DeliverAsync(BufferedRecord record, CancellationToken cancellationToken)
    {
        ITransactionSession? session = null;
        try
        {
            session = Sessions is null ? null : await Sessions.BeginAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The database is down: the record goes back, and the consumer waits before it receives again.
            Consumer.GiveBack(record);
            throw;
        }

        return new KafkaDelivery(this, record, session);
    }

    /// <summary>
    /// The records of the channel's topic and retry topics that the group has not finished: for the
    /// partitions this host owns, from the first one not done; for the others, from the group's committed
    /// offset. Records being handled count until they are done; messages waiting in the outbox count too.
    /// </summary>
    public async ValueTask<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await Task.Run(CountRecords, cancellationToken).ConfigureAwait(false);
        return Outbox is null ? pending : pending + await Outbox.CountAsync(Name, cancellationToken).ConfigureAwait(false);
    }

    private long CountRecords()
    {
        var client = Consumer.Client;
        using var admin = new DependentAdminClientBuilder(client.Handle).Build();
        var partitions = new List<TopicPartition>();
        foreach (var topic in _retryTopics.Prepend(Topic))
        {
            var metadata = admin.GetMetadata(topic, s_brokerTimeout);
            partitions.AddRange(metadata.Topics.SelectMany(t => t.Error.IsError ? [] : t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId))));
        }

        var committed = client.Committed(partitions, s_brokerTimeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
        long pending = 0;
        foreach (var partition in partitions)
        {
            var marks = client.QueryWatermarkOffsets(partition, s_brokerTimeout);
            var from = Consumer.ResumeOffset(partition)
                ?? (committed.TryGetValue(partition, out var offset) && offset.Value >= 0 ? offset.Value : marks.Low.Value);
            pending += Math.Max(0, marks.High.Value - from);
        }

        return pending;
    }

    /// <summary>Produces a dead letter to <see cref="DeadLetterTopic"/>: the record as it came, its failure in headers.</summary>
    internal async ValueTask PublishDeadLetterAsync(BufferedRecord record, DeadLetter entry, CancellationToken cancellationToken)
    {
        var headers = new Headers();
        foreach (var header in record.Consumed.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add("failure-reason", System.Text.Encoding.UTF8.GetBytes(entry.Reason));
        headers.Add("failed-channel", System.Text.Encoding.UTF8.GetBytes(entry.Channel));
        headers.Add("failed-at", System.Text.Encoding.UTF8.GetBytes(entry.FailedAt.ToString("O", CultureInfo.InvariantCulture)));
        if (entry.ExceptionType is { } exceptionType)
        {
            headers.Add("failure-exception", System.Text.Encoding.UTF8.GetBytes(exceptionType));
        }

        var dead = new Message<byte[]?, byte[]?> { Key = record.Consumed.Message.Key, Value = record.Consumed.Message.Value, Headers = headers };
        await _transport.Producer.ProduceAsync(DeadLetterTopic!, dead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The channel's topic, or for a message due later the retry topic of the shortest delay at least as long as its wait.</summary>
    private string TopicFor(ChannelMessage message)
    {
        if (message.AvailableAt is not { } due || due - _time.GetUtcNow() is var wait && wait <= TimeSpan.Zero)
        {
            return Topic;
        }

        for (var i = 0; i < _delays.Length; i++)
        {
            if (_delays[i] >= wait)
            {
                return _retryTopics[i];
            }
        }

        // Longer than every retry topic: it waits in the longest, then again for the rest (SettleEarlyAsync).
        return _retryTopics[^1];
    }

    /// <summary>The consumer run ended: stored offsets are committed now (the consumer stays in its group).</summary>
    public ValueTask StopReceivingAsync() => new(Consumer.CommitAsync());

    public ValueTask DisposeAsync() => Consumer.DisposeAsync();
}
