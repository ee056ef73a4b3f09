using System;
using System.Collections.Generic;
using System.Linq;
using Estuary.Channels;

namespace Estuary.Kafka;

/// <summary>The topic behind a Kafka channel and how its consumer runs. Given to <c>kafka.AddChannel(name, channel => ...)</c>.</summary>
public sealed class KafkaChannelOptions
{
    internal KafkaChannelOptions(string name, ConsumerSettings consumer)
    {
        Topic = name;
        GroupId = name;
        Consumer = consumer;
    }

    /// <summary>The topic's name (default: the channel's name).</summary>
    public string Topic { get; set; }

    /// <summary>
    /// The consumer group the host's consumer of this channel joins (default: the channel's name). Every
    /// group receives every message of the topic; the members of one group share its partitions.
    /// </summary>
    public string GroupId { get; set; }

    /// <summary>
    /// The delays of the channel's retry topics, <c>{topic}.retry.{delay}</c> (default 1 s, 5 s, 30 s, 5 min,
    /// 30 min). A message sent for later, or retried after a delay, waits in the topic of the shortest delay
    /// at least as long as its own, so the channel's partitions are never blocked by it; it is handled when
    /// it is due, never before. The topics must exist (or the cluster create topics on first use).
    /// </summary>
    public IList<TimeSpan> RetryDelays { get; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    /// <summary>
    /// A topic that receives this channel's dead letters instead of the host's dead letter: the failed
    /// record as it came (same key), with its reason in headers (<c>failure-reason</c>,
    /// <c>failure-exception</c>, <c>failed-channel</c>, <c>failed-at</c>). <see langword="null"/> (default): the host's dead letter.
    /// </summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>
    /// How often the consumer commits the offsets it stored (default 1 s; librdkafka's
    /// <c>auto.commit.interval.ms</c>). An offset is stored only once every message before it in its
    /// partition was handled and its work committed; a crash before the commit brings those messages back,
    /// and deduplication recognises them.
    /// </summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many received messages may wait in the host for a handler (default: 100 per concurrent handler,
    /// at least 500). When that many wait, the consumer stops taking records until handlers took half of them.
    /// </summary>
    public int? MaxBuffered { get; set; }

    /// <summary>How the channel's consumer runs and what it does with failures.</summary>
    public ConsumerSettings Consumer { get; }

    internal int EffectiveMaxBuffered => MaxBuffered ?? Math.Max(500, Consumer.Concurrency * 100);

    /// <summary>
    /// The names of the channel's retry topics, shortest delay first: <c>{topic}.retry.{delay}</c>, the
    /// delay written as <c>500ms</c>, <c>5s</c>, <c>10m</c> or <c>2h</c> (<c>orders.retry.5s</c>). Create them with the topic.
    /// </summary>
    public IReadOnlyList<string> RetryTopics => [.. SortedRetryDelays.Select(d => RetryTopicName(Topic, d))];

    internal static string RetryTopicName(string topic, TimeSpan delay)
    {
        var ms = (long)delay.TotalMilliseconds;
        var text = ms % 3_600_000 == 0 ? (ms / 3_600_000) + "h"
            : ms % 60_000 == 0 ? (ms / 60_000) + "m"
            : ms % 1000 == 0 ? (ms / 1000) + "s"
            : ms + "ms";
        return topic + ".retry." + text;
    }

    /// <summary>The retry topics' delays, shortest first, without repeats.</summary>
    internal TimeSpan[] SortedRetryDelays => [.. RetryDelays.Distinct().Order()];

    internal void Validate(string channel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Topic, nameof(Topic));
        ArgumentException.ThrowIfNullOrWhiteSpace(GroupId, nameof(GroupId));
        if (RetryDelays.Count == 0 || RetryDelays.Any(d => d < TimeSpan.FromMilliseconds(1)))
        {
            throw new ArgumentException(
                $"Channel '{channel}': RetryDelays needs at least one delay, each of a millisecond or more (delayed messages and delayed retries wait in those topics).");
        }

        if (CommitInterval <= TimeSpan.Zero || MaxBuffered is <= 0)
        {
            throw new ArgumentException($"Channel '{channel}': CommitInterval and MaxBuffered must be positive.");
        }
    }
}
