using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace Estuary.Kafka;

/// <summary>
/// The host's producer: idempotent, acknowledged by all in-sync replicas, producing with the callback
/// <c>Produce</c> so any number of sends are in flight at once (librdkafka batches them); a send completes
/// when its delivery report came. After a fatal error (an idempotent producer that lost its sequence) the
/// producer is built again, and the sends that failed with it fail (the outbox sends them again).
/// </summary>
internal sealed class KafkaProducer : IDisposable
{
    private static readonly TimeSpan s_queueFullPause = TimeSpan.FromMilliseconds(5);

    private readonly Func<Action<Error>, IProducer<byte[]?, byte[]?>> _build;
    private readonly Lock _gate = new();
    private IProducer<byte[]?, byte[]?>? _producer;
    private bool _fatal;
    private bool _disposed;

    public KafkaProducer(IReadOnlyDictionary<string, string> settings)
    {
        Settings = settings;
        _build = onError => new ProducerBuilder<byte[]?, byte[]?>(settings).SetErrorHandler((_, error) => onError(error)).Build();
    }

    /// <summary>The producer's librdkafka settings, as built.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>How many times a producer was built (more than once after fatal errors).</summary>
    public int Generations { get; private set; }

    /// <summary>The librdkafka handle of the current producer (for admin clients that share its connections).</summary>
    public Handle Handle => Current().Handle;

    /// <summary>Produces <paramref name="message"/> to <paramref name="topic"/>; completes when the brokers acknowledged it.</summary>
    public Task ProduceAsync(string topic, Message<byte[]?, byte[]?> message, CancellationToken cancellationToken)
    {
        var report = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Produce(topic, message, report, cancellationToken);
        return report.Task;
    }

    private void Produce(string topic, Message<byte[]?, byte[]?> message, TaskCompletionSource report, CancellationToken cancellationToken)
    {
        var spins = 0;
        while (true)
        {
            var producer = Current();
            try
            {
                producer.Produce(topic, message, delivered =>
                {
                    if (delivered.Error.IsError)
                    {
                        report.TrySetException(new ProduceException<byte[]?, byte[]?>(delivered.Error, delivered));
                    }
                    else
                    {
                        report.TrySetResult();
                    }
                });
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> full) when (full.Error.Code == ErrorCode.Local_QueueFull && !cancellationToken.IsCancellationRequested)
            {
                // librdkafka's queue is full: its reports free room as the brokers acknowledge.
                if (++spins > 12_000)
                {
                    report.TrySetException(full);
                    return;
                }

                Thread.Sleep(s_queueFullPause);
            }
            catch (Exception exception)
            {
                report.TrySetException(exception);
                return;
            }
        }
    }

    /// <summary>Waits until every produced message was acknowledged or failed, up to <paramref name="timeout"/>.</summary>
    public void Flush(TimeSpan timeout)
    {
        if (_producer is { } producer)
        {
            producer.Flush(timeout);
        }
    }

    private IProducer<byte[]?, byte[]?> Current()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_producer is not null && !_fatal)
            {
                return _producer;
            }

            // A fatal error leaves the producer unusable: what it still holds fails, and a new one takes over.
            _producer?.Dispose();
            _fatal = false;
            var generation = ++Generations;
            _producer = _build(error =>
            {
                // A late report of a producer already replaced must not condemn its successor.
                if (error.IsFatal && generation == Generations)
                {
                    _fatal = true;
                }
            });
            return _producer;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_producer is { } producer)
            {
                producer.Flush(TimeSpan.FromSeconds(10));
                producer.Dispose();
            }
        }
    }
}
