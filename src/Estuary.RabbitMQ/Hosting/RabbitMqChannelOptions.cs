using System;
using System.Collections.Generic;
using Estuary.Channels;

namespace Estuary.RabbitMQ;

/// <summary>The queue behind a RabbitMQ channel and how its consumer runs. Given to <c>rabbit.AddChannel(name, channel => ...)</c>.</summary>
public sealed class RabbitMqChannelOptions
{
    internal RabbitMqChannelOptions(string name, ConsumerSettings consumer)
    {
        Queue = name;
        Consumer = consumer;
    }

    /// <summary>The queue's name (default: the channel's name).</summary>
    public string Queue { get; set; }

    /// <summary>The queue's kind (default <see cref="RabbitMqQueueType.Classic"/>; <see cref="RabbitMqQueueType.Quorum"/> for a cluster).</summary>
    public RabbitMqQueueType QueueType { get; set; } = RabbitMqQueueType.Classic;

    /// <summary>
    /// The highest message priority the queue orders by (<c>x-max-priority</c>, 1 to 255), or
    /// <see langword="null"/> for none (priorities are ignored). Classic queues only.
    /// </summary>
    public byte? MaxPriority { get; set; }

    /// <summary>
    /// How many unacknowledged messages the broker pushes to this host's consumer before it waits for
    /// acknowledgements (default: four per concurrent handler, at least 10).
    /// </summary>
    public ushort? Prefetch { get; set; }

    /// <summary>
    /// An exchange that receives this channel's dead letters instead of the host's dead letter: the failed
    /// message as it came, with its reason in headers (<c>failure-reason</c>, <c>failure-exception</c>,
    /// <c>failed-channel</c>, <c>failed-at</c>). Declare the exchange and bind a queue to it
    /// (<c>DeclareExchange</c>, <c>Bind</c>). A message the exchange does not take goes to the host's dead letter.
    /// </summary>
    public string? DeadLetterExchange { get; set; }

    /// <summary>The routing key dead letters are published with to <see cref="DeadLetterExchange"/> (default: the queue's name).</summary>
    public string? DeadLetterRoutingKey { get; set; }

    /// <summary>More queue arguments (<c>x-delivery-limit</c>, <c>x-max-length</c>...), declared as given.</summary>
    public IDictionary<string, object?> Arguments { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>How the channel's consumer runs and what it does with failures.</summary>
    public ConsumerSettings Consumer { get; }

    internal ushort EffectivePrefetch => Prefetch ?? (ushort)Math.Clamp(Consumer.Concurrency * 4, 10, ushort.MaxValue);

    internal void Validate(string channel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Queue, nameof(Queue));
        if (MaxPriority is { } priority && (priority == 0 || QueueType != RabbitMqQueueType.Classic))
        {
            throw new ArgumentException(
                $"Channel '{channel}': MaxPriority needs a classic queue and a value from 1 to 255 (quorum queues do not order by priority). Set QueueType = RabbitMqQueueType.Classic, or remove MaxPriority.");
        }
    }
}
