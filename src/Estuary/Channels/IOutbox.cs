using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Channels;

/// <summary>
/// A transactional outbox: messages a unit of work sends to channels outside its transaction (another
/// database, a broker, process memory) are stored in that transaction, so they exist exactly when its
/// other effects do, and are forwarded once it committed. Forwarding is at least once: a message
/// forwarded just before a crash is forwarded again, and receivers deduplicate by message id.
/// Registered by database packages (<c>UsePostgres</c>); without one, such messages are sent after
/// the commit and a crash in between loses them.
/// </summary>
public interface IOutbox
{
    /// <summary>Whether messages can be stored in <paramref name="session"/>'s transaction.</summary>
    bool Accepts(ITransactionSession session);

    /// <summary>
    /// Stores <paramref name="messages"/> (each with the name of the channel it is for) in <paramref name="session"/>;
    /// returns what <see cref="ForwardAsync"/> takes once the session committed. A delayed message for a channel
    /// that does not hold delayed messages (<see cref="IMessageChannel.HoldsDelayedMessages"/>) is kept until it
    /// is due and forwarded then, so it is not in the result.
    /// </summary>
    ValueTask<IReadOnlyList<long>> StoreAsync(ITransactionSession session, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Forwards stored messages whose transaction committed. Never throws for a message that cannot be
    /// forwarded now: it stays stored, and the outbox's relay tries again.
    /// </summary>
    ValueTask ForwardAsync(IReadOnlyList<long> stored, CancellationToken cancellationToken);

    /// <summary>
    /// Forwards up to <paramref name="limit"/> messages that are due for a relay (their writer did not
    /// forward them, or forwarding failed and its pause is over); returns how many were taken, forwarded or not.
    /// </summary>
    ValueTask<int> ForwardDueAsync(int limit, CancellationToken cancellationToken);

    /// <summary>What the outbox holds now.</summary>
    ValueTask<OutboxStatus> StatusAsync(CancellationToken cancellationToken);

    /// <summary>How many stored messages for <paramref name="channel"/> are not forwarded yet, delayed ones included (part of the channel's pending count).</summary>
    ValueTask<long> CountAsync(string channel, CancellationToken cancellationToken) => new(0L);
}

/// <summary>What an outbox holds.</summary>
/// <param name="Pending">Messages waiting to be forwarded.</param>
/// <param name="Failing">Of those, messages whose forwarding failed at least once.</param>
/// <param name="Oldest">When the oldest waiting message was stored.</param>
/// <param name="MostAttempts">The most failed forwarding attempts of one message.</param>
public readonly record struct OutboxStatus(long Pending, long Failing, System.DateTimeOffset? Oldest, int MostAttempts);

/// <summary>A message on its way to a channel.</summary>
/// <param name="Channel">The name of the declared channel it is for.</param>
/// <param name="Message">The message.</param>
public readonly record struct OutgoingMessage(string Channel, ChannelMessage Message);
