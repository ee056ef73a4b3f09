using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.RabbitMQ;

/// <summary>
/// Delays without a database and without the broker's delayed-message plugin: a message due later is
/// published to a wait queue of its channel (<c>{queue}.wait.{seconds}s</c>) whose messages expire after
/// that many seconds and are then dead-lettered by the broker to the channel's queue. One wait queue per
/// whole number of seconds, the delay rounded up, so every message of a wait queue expires in the order it
/// came and none waits behind a longer one. The broker moves an expired message without publisher
/// confirms: a broker crash at that moment can lose it, which the outbox (with a database) never does.
/// </summary>
internal sealed class WaitQueues(RabbitMqTransport transport, string queue)
{
    private readonly ConcurrentDictionary<long, Lazy<Task>> _declared = new();

    /// <summary>The wait queues this process declared.</summary>
    public IEnumerable<string> Declared => _declared.Keys.Select(seconds => NameOf(queue, seconds));

    /// <summary>The wait queue for a delay of <paramref name="delay"/>, rounded up to whole seconds.</summary>
    public static (string Name, long Seconds) For(string queue, TimeSpan delay)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds));
        return (NameOf(queue, seconds), seconds);
    }

    private static string NameOf(string queue, long seconds) => $"{queue}.wait.{seconds.ToString(CultureInfo.InvariantCulture)}s";

    public async ValueTask PublishAsync(ChannelMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var (name, seconds) = For(queue, delay);
        var declared = _declared.GetOrAdd(seconds, _ => new Lazy<Task>(() => DeclareAsync(name, seconds)));
        try
        {
            await declared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (declared.Value.IsFaulted)
        {
            _declared.TryRemove(new KeyValuePair<long, Lazy<Task>>(seconds, declared));
            throw;
        }

        await transport.Publisher.PublishAsync(string.Empty, name, AmqpEnvelope.Write(message), message.Payload, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeclareAsync(string name, long seconds)
    {
        var channel = await transport.Connection.CreateChannelAsync(confirms: false, CancellationToken.None).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["x-queue-type"] = "classic",
                ["x-message-ttl"] = seconds * 1000,
                ["x-dead-letter-exchange"] = string.Empty,
                ["x-dead-letter-routing-key"] = queue,
            };
            await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, arguments: arguments).ConfigureAwait(false);
        }
    }
}
