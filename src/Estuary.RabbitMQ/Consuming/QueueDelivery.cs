using System;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Estuary.RabbitMQ;

/// <summary>One message taken from a queue, owned until it is acknowledged or handed back.</summary>
internal sealed class QueueDelivery(IChannel channel, ulong deliveryTag, bool redelivered, string routingKey, IReadOnlyBasicProperties properties, byte[] body, Subscription? owner)
{
    private int _settled;
    private bool _taken;

    /// <summary>Whether the broker delivered it before (to a consumer that did not acknowledge it).</summary>
    public bool Redelivered { get; } = redelivered;

    /// <summary>The routing key it was published with.</summary>
    public string RoutingKey { get; } = routingKey;

    /// <summary>Its properties and headers.</summary>
    public IReadOnlyBasicProperties Properties { get; } = properties;

    /// <summary>Its body, copied.</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;

    /// <summary>Removes it from the queue.</summary>
    public async ValueTask AcknowledgeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await channel.BasicAckAsync(deliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Settle();
        }
    }

    /// <summary>Puts it back on the queue, for this or another consumer.</summary>
    public async ValueTask ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await channel.BasicNackAsync(deliveryTag, multiple: false, requeue: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Settle();
        }
    }

    /// <summary>
    /// Acknowledges it unless its channel closed meanwhile: then the broker put it back already, and it
    /// comes again (deduplication recognises it when its handling committed).
    /// </summary>
    public async ValueTask AcknowledgeQuietlyAsync()
    {
        try
        {
            await AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (AlreadyClosedException)
        {
        }
    }

    /// <summary>Releases it unless its channel closed meanwhile (the broker put it back already).</summary>
    public async ValueTask ReleaseQuietlyAsync()
    {
        try
        {
            await ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (AlreadyClosedException)
        {
        }
    }

    /// <summary>Marks it as taken from its subscription's buffer: its subscription counts it in hand until it is settled.</summary>
    public void MarkTaken() => _taken = true;

    private void Settle()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0 && _taken)
        {
            owner?.Settled();
        }
    }
}
