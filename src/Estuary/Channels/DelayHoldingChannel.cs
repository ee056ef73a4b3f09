using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Channels;

/// <summary>
/// What the host hands out for a channel that cannot keep a message until it is due
/// (<see cref="IMessageChannel.HoldsDelayedMessages"/> is false): a message sent for later is stored in
/// the outbox, in a transaction of its own, and the outbox forwards it when it is due; everything else
/// goes to the channel. Without an outbox (no database), the channel gets the message as it is.
/// </summary>
internal sealed class DelayHoldingChannel(IMessageChannel channel, IServiceProvider services) : IPollableChannel, IInspectableChannel
{
    private readonly Lazy<(IOutbox Outbox, ITransactionSessionFactory Sessions)?> _holder = new(() =>
        services.GetService<IOutbox>() is { } outbox && services.GetService<ITransactionSessionFactory>() is { } sessions ? (outbox, sessions) : null);

    private readonly TimeProvider _time = services.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>The channel itself.</summary>
    public IMessageChannel Inner { get; } = channel;

    public string Name => Inner.Name;

    public bool HoldsDelayedMessages => false;

    public bool Joins(ITransactionSession session) => Inner.Joins(session);

    public async ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.AvailableAt is not { } due || due <= _time.GetUtcNow() || _holder.Value is not { } holder)
        {
            await Inner.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var session = await holder.Sessions.BeginAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Nothing to forward now: the outbox keeps a delayed message for a channel like this one until it is due.
            await holder.Outbox.StoreAsync(session, [new OutgoingMessage(Name, message)], cancellationToken).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await session.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (session is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<Exception?[]> SendManyAsync(IReadOnlyList<ChannelMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = _time.GetUtcNow();
        var due = new List<ChannelMessage>(messages.Count);
        var positions = new List<int>(messages.Count);
        var failures = new Exception?[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].AvailableAt is { } at && at > now && _holder.Value is not null)
            {
                try
                {
                    await SendAsync(messages[i], cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures[i] = exception;
                }

                continue;
            }

            due.Add(messages[i]);
            positions.Add(i);
        }

        var sent = await Inner.SendManyAsync(due, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < sent.Length; i++)
        {
            failures[positions[i]] = sent[i];
        }

        return failures;
    }

    public ValueTask<IChannelDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        Inner is IPollableChannel pollable
            ? pollable.ReceiveAsync(wait, cancellationToken)
            : throw new InvalidOperationException($"Channel '{Name}' cannot be received from.");

    public ValueTask StopReceivingAsync() => Inner is IPollableChannel pollable ? pollable.StopReceivingAsync() : default;

    public ValueTask<long> CountPendingAsync(CancellationToken cancellationToken) =>
        Inner is IInspectableChannel inspectable
            ? inspectable.CountPendingAsync(cancellationToken)
            : throw new InvalidOperationException($"Channel '{Name}' cannot count its messages.");
}
