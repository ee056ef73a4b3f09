namespace Estuary;

/// <summary>What happens to a message whose retries are exhausted.</summary>
public enum FinalFailure
{
    /// <summary>Store it in the dead letter with the reason, to inspect and replay (the default).</summary>
    DeadLetter,

    /// <summary>Drop it (log only). For messages whose loss is harmless.</summary>
    Ignore,

    /// <summary>Leave it on the channel and stop the consumer, so nothing after it is handled out of order.</summary>
    StopConsumer,
}
