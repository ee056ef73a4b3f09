using System;
using Estuary.Channels;

namespace Estuary;

/// <summary>
/// A message that could not be handled, kept with the reason so it can be inspected, fixed and
/// replayed to the endpoint it was meant for.
/// </summary>
public sealed class DeadLetter
{
    /// <summary>The entry's id (the message id; a message reaches the dead letter once per endpoint).</summary>
    public required Guid Id { get; init; }

    /// <summary>The channel the message came from, where a replay sends it back.</summary>
    public required string Channel { get; init; }

    /// <summary>The message as it was received.</summary>
    public required ChannelMessage Message { get; init; }

    /// <summary>Why the message is here, in words (an exception's message, or what was wrong with the input).</summary>
    public required string Reason { get; init; }

    /// <summary>The full name of the exception that failed the last attempt, if one did.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>The exception with its stack trace and inner exceptions, if one failed the last attempt.</summary>
    public string? ExceptionDetails { get; init; }

    /// <summary>When the message was dead-lettered.</summary>
    public required DateTimeOffset FailedAt { get; init; }

    /// <summary>
    /// Which storing of the entry this is, set by the store: a later failure of the same message and
    /// endpoint replaces the entry with a higher generation. 0 for an entry not read from a store.
    /// </summary>
    public long Generation { get; init; }

    /// <summary>A copy of the entry with <paramref name="generation"/>, as a store keeps it.</summary>
    public DeadLetter WithGeneration(long generation) => new()
    {
        Id = Id,
        Channel = Channel,
        Message = Message,
        Reason = Reason,
        ExceptionType = ExceptionType,
        ExceptionDetails = ExceptionDetails,
        FailedAt = FailedAt,
        Generation = generation,
    };

    /// <summary>Builds an entry from a failed delivery.</summary>
    public static DeadLetter For(string channel, ChannelMessage message, string reason, Exception? exception, DateTimeOffset failedAt) => new()
    {
        Id = message.MessageId,
        Channel = channel,
        Message = message,
        Reason = reason,
        ExceptionType = exception?.GetType().FullName,
        ExceptionDetails = exception?.ToString(),
        FailedAt = failedAt,
    };
}
