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

    /// <summary>Stores <paramref name="messages"/> (each with the name of the channel it is for) in <paramref name="session"/>; returns what <see cref="ForwardAsync"/> takes.</summary>
    ValueTask<IReadOnlyList<long>> StoreAsync(ITransactionSession session, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Forwards stored messages whose transaction committed. Never throws for a message that cannot be
    /// forwarded now: it stays stored, and the outbox's relay tries again.
    /// </summary>
    ValueTask ForwardAsync(IReadOnlyList<long> stored, CancellationToken cancellationToken);
}

/// <summary>A message on its way to a channel.</summary>
/// <param name="Channel">The name of the declared channel it is for.</param>
/// <param name="Message">The message.</param>
public readonly record struct OutgoingMessage(string Channel, ChannelMessage Message);
