namespace Estuary;

/// <summary>What became of one received message.</summary>
public enum DeliveryOutcome
{
    /// <summary>The handler succeeded; the message is gone from the channel.</summary>
    Handled,

    /// <summary>The endpoint had already handled this message (or its deduplication key); skipped.</summary>
    Duplicate,

    /// <summary>The handler failed; the message went back on its channel for a delayed retry.</summary>
    Retrying,

    /// <summary>The message is in the dead letter (retries exhausted, or unusable input).</summary>
    DeadLettered,

    /// <summary>The message went to the channel's error channel.</summary>
    SentToErrorChannel,

    /// <summary>Retries were exhausted and the channel drops failed messages.</summary>
    Ignored,

    /// <summary>The message's time to live ran out before it was handled; dropped.</summary>
    Expired,

    /// <summary>The message was left on the channel (consumer stopping, or the channel's final failure strategy stops the consumer).</summary>
    Released,
}
