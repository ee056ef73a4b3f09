namespace Estuary.RabbitMQ;

/// <summary>The kind of queue a RabbitMQ channel declares.</summary>
public enum RabbitMqQueueType
{
    /// <summary>
    /// A durable queue on one node (the default): orders by priority when it has a
    /// <see cref="RabbitMqChannelOptions.MaxPriority"/>, and a message handed back (a consumer stopped) keeps
    /// its place at the head.
    /// </summary>
    Classic,

    /// <summary>
    /// A queue replicated over the cluster (Raft), which survives the loss of a minority of its nodes. It has
    /// no priorities, and a message handed back goes to the end of the queue.
    /// </summary>
    Quorum,
}
