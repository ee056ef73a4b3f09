using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Channels;

/// <summary>
/// The messages a unit of work sends, held until it succeeds. Before its transaction commits, those for
/// channels that join the transaction are written in it, and those for other channels are stored in the
/// outbox in the same transaction; once it committed, the stored ones are forwarded, and (without an
/// outbox or a transaction) the rest are sent.
/// </summary>
internal sealed class HeldMessages
{
    private readonly List<(IMessageChannel Channel, ChannelMessage Message)> _messages = [];
    private IReadOnlyList<long>? _stored;

    public int Count => _messages.Count;

    public void Add(IMessageChannel channel, ChannelMessage message) => _messages.Add((channel, message));

    public void Clear()
    {
        _messages.Clear();
        _stored = null;
    }

    /// <summary>Withdraws the messages held since there were <paramref name="count"/>.</summary>
    public void RewindTo(int count) => _messages.RemoveRange(count, _messages.Count - count);

    /// <summary>Writes into <paramref name="session"/> what can be written there: messages for joining channels, and the others into the outbox.</summary>
    public async ValueTask FlushInTransactionAsync(ITransactionSession session, IOutbox? outbox, CancellationToken cancellationToken)
    {
        if (_messages.Count == 0)
        {
            return;
        }

        var storeInOutbox = outbox is not null && outbox.Accepts(session);
        List<OutgoingMessage>? toStore = null;
        var kept = 0;
        for (var i = 0; i < _messages.Count; i++)
        {
            var (channel, message) = _messages[i];
            if (channel.Joins(session))
            {
                await channel.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            else if (storeInOutbox)
            {
                (toStore ??= []).Add(new OutgoingMessage(channel.Name, message));
            }
            else
            {
                _messages[kept++] = _messages[i];
            }
        }

        _messages.RemoveRange(kept, _messages.Count - kept);
        if (toStore is not null)
        {
            _stored = await outbox!.StoreAsync(session, toStore, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Once the transaction committed (or the work succeeded, without one): forwards what the outbox holds
    /// for this unit of work, then sends the rest, each on its own.
    /// </summary>
    /// <exception cref="MessagesNotSentException">Messages without an outbox could not be sent: they are lost.</exception>
    public async ValueTask FlushAfterCommitAsync(IOutbox? outbox, CancellationToken cancellationToken)
    {
        if (_stored is { Count: > 0 } stored)
        {
            _stored = null;
            await outbox!.ForwardAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        if (_messages.Count == 0)
        {
            return;
        }

        // One failed send must not keep the others from going out.
        List<(OutgoingMessage Message, Exception Error)>? unsent = null;
        foreach (var (channel, message) in _messages)
        {
            try
            {
                await channel.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                (unsent ??= []).Add((new OutgoingMessage(channel.Name, message), exception));
            }
        }

        _messages.Clear();
        if (unsent is not null)
        {
            throw new MessagesNotSentException(unsent);
        }
    }
}
