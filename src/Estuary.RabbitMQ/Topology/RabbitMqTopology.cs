using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;

namespace Estuary.RabbitMQ;

/// <summary>
/// The exchanges, queues and bindings a host declares: its channels' queues and what
/// <see cref="RabbitMqBuilder"/> added. Declared once, on first use of any channel (or at start-up by the
/// host), before anything is published or consumed; a declaration that fails (the broker is down, a queue
/// exists with other arguments) is tried again at the next use, and its error names the culprit.
/// </summary>
internal sealed class RabbitMqTopology
{
    private readonly List<ExchangeDeclaration> _exchanges = [];
    private readonly List<QueueDeclaration> _queues = [];
    private readonly List<BindingDeclaration> _bindings = [];
    private readonly SemaphoreSlim _declaring = new(1, 1);
    private volatile bool _declared;

    public IReadOnlyList<QueueDeclaration> Queues => _queues;

    public void Add(ExchangeDeclaration exchange) => _exchanges.Add(exchange);

    public void Add(QueueDeclaration queue) => _queues.Add(queue);

    public void Add(BindingDeclaration binding) => _bindings.Add(binding);

    /// <summary>Declares everything, once per host.</summary>
    public async ValueTask EnsureDeclaredAsync(RabbitMqConnection connection, CancellationToken cancellationToken)
    {
        if (_declared)
        {
            return;
        }

        await _declaring.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_declared)
            {
                return;
            }

            await DeclareAsync(connection, cancellationToken).ConfigureAwait(false);
            _declared = true;
        }
        finally
        {
            _declaring.Release();
        }
    }

    private async Task DeclareAsync(RabbitMqConnection connection, CancellationToken cancellationToken)
    {
        // A failed declaration closes its channel: each gets a channel it may break.
        IChannel? channel = null;
        try
        {
            foreach (var exchange in _exchanges)
            {
                channel = await OpenAsync(connection, channel, cancellationToken).ConfigureAwait(false);
                await Declare(channel, $"exchange '{exchange.Name}'", c => c.ExchangeDeclareAsync(exchange.Name, exchange.Type, exchange.Durable, autoDelete: false, arguments: null, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            foreach (var queue in _queues)
            {
                channel = await OpenAsync(connection, channel, cancellationToken).ConfigureAwait(false);
                await Declare(channel, $"queue '{queue.Name}'", c => c.QueueDeclareAsync(queue.Name, durable: true, exclusive: false, autoDelete: false, arguments: queue.Arguments, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            foreach (var binding in _bindings)
            {
                channel = await OpenAsync(connection, channel, cancellationToken).ConfigureAwait(false);
                await Declare(channel, $"binding of queue '{binding.Queue}' to exchange '{binding.Exchange}' by '{binding.RoutingKey}'", c => c.QueueBindAsync(binding.Queue, binding.Exchange, binding.RoutingKey, binding.Arguments, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }
        finally
        {
            if (channel is not null)
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async ValueTask<IChannel> OpenAsync(RabbitMqConnection connection, IChannel? current, CancellationToken cancellationToken)
    {
        if (current is { IsOpen: true })
        {
            return current;
        }

        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }

        return await connection.CreateChannelAsync(confirms: false, cancellationToken).ConfigureAwait(false);
    }

    private static async Task Declare(IChannel channel, string what, Func<IChannel, Task> declare)
    {
        try
        {
            await declare(channel).ConfigureAwait(false);
        }
        catch (global::RabbitMQ.Client.Exceptions.OperationInterruptedException exception)
        {
            throw new InvalidOperationException(
                $"RabbitMQ refused to declare {what}: {exception.ShutdownReason?.ReplyText ?? exception.Message}. "
                + "A queue or exchange that exists with other arguments cannot be declared again: delete it, or declare it as it is.",
                exception);
        }
    }
}

/// <summary>An exchange to declare.</summary>
internal sealed record ExchangeDeclaration(string Name, string Type, bool Durable);

/// <summary>A durable queue to declare, with its arguments.</summary>
internal sealed record QueueDeclaration(string Name, IDictionary<string, object?> Arguments);

/// <summary>A binding of a queue to an exchange.</summary>
internal sealed record BindingDeclaration(string Exchange, string Queue, string RoutingKey, IDictionary<string, object?>? Arguments);
