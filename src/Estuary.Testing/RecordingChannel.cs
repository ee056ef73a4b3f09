using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.Testing;

/// <summary>An <see cref="InMemoryChannel"/> that records every message sent to it before queueing it.</summary>
internal sealed class RecordingChannel(InMemoryChannel inner, RecordedTraffic recorded) : IPollableChannel, IInspectableChannel
{
    public string Name => inner.Name;

    public ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        recorded.Record(inner.Name, message);
        return inner.SendAsync(message, cancellationToken);
    }

    public ValueTask<IChannelDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        inner.ReceiveAsync(wait, cancellationToken);

    public ValueTask<long> CountPendingAsync(CancellationToken cancellationToken) => inner.CountPendingAsync(cancellationToken);

    public bool Joins(ITransactionSession session) => ((IMessageChannel)inner).Joins(session);
}
