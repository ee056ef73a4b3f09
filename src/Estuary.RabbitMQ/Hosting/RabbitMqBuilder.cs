using System;
using System.Collections.Generic;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Estuary.RabbitMQ;

/// <summary>Declares RabbitMQ channels and the broker topology around them. Obtained from <c>UseRabbitMq</c>.</summary>
public sealed class RabbitMqBuilder
{
    internal RabbitMqBuilder(EstuaryBuilder estuary, RabbitMqOptions options, RabbitMqTopology topology)
    {
        Estuary = estuary;
        Options = options;
        Topology = topology;
    }

    /// <summary>The host's Estuary builder.</summary>
    public EstuaryBuilder Estuary { get; }

    /// <summary>The broker's address and how the host publishes.</summary>
    public RabbitMqOptions Options { get; }

    internal RabbitMqTopology Topology { get; }

    /// <summary>The names of the channels declared here, in order.</summary>
    internal List<string> ChannelNames { get; } = [];

    /// <summary>
    /// Declares a channel that is a RabbitMQ queue (named like the channel unless <paramref name="configure"/>
    /// says otherwise; a durable classic queue by default), declared by the host on first use:
    /// <code>rabbit.AddChannel("orders", channel => channel.Consumer.Concurrency = 4);</code>
    /// </summary>
    public RabbitMqBuilder AddChannel(string name, Action<RabbitMqChannelOptions>? configure = null)
    {
        RabbitMqChannelOptions? options = null;
        Estuary.AddChannel(name, provider => Create(name, options!, provider), consumer => options = new RabbitMqChannelOptions(name, consumer));
        configure?.Invoke(options!);
        options!.Validate(name);
        Topology.Add(new QueueDeclaration(options.Queue, QueueArguments(options)));
        ChannelNames.Add(name);
        return this;
    }

    /// <summary>Declares an exchange (<see cref="ExchangeType"/>: direct, topic, fanout or headers), durable by default.</summary>
    public RabbitMqBuilder DeclareExchange(string name, string type = ExchangeType.Topic, bool durable = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        Topology.Add(new ExchangeDeclaration(name, type, durable));
        return this;
    }

    /// <summary>Binds <paramref name="queue"/> to <paramref name="exchange"/>: messages published there with a matching routing key (or headers) reach the queue.</summary>
    public RabbitMqBuilder Bind(string exchange, string queue, string routingKey = "", IDictionary<string, object?>? arguments = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exchange);
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(routingKey);
        Topology.Add(new BindingDeclaration(exchange, queue, routingKey, arguments));
        return this;
    }

    /// <summary>Declares a durable queue that is not a channel (one a <c>[MessageConsumer]</c> or another program reads), with its arguments.</summary>
    public RabbitMqBuilder DeclareQueue(string name, RabbitMqQueueType type = RabbitMqQueueType.Classic, IDictionary<string, object?>? arguments = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var all = new Dictionary<string, object?>(arguments ?? new Dictionary<string, object?>(), StringComparer.Ordinal) { ["x-queue-type"] = TypeName(type) };
        Topology.Add(new QueueDeclaration(name, all));
        return this;
    }

    private static Dictionary<string, object?> QueueArguments(RabbitMqChannelOptions options)
    {
        var arguments = new Dictionary<string, object?>(options.Arguments, StringComparer.Ordinal) { ["x-queue-type"] = TypeName(options.QueueType) };
        if (options.MaxPriority is { } priority)
        {
            arguments["x-max-priority"] = (int)priority;
        }

        return arguments;
    }

    private static string TypeName(RabbitMqQueueType type) => type == RabbitMqQueueType.Classic ? "classic" : "quorum";

    private static RabbitMqChannel Create(string name, RabbitMqChannelOptions options, IServiceProvider provider)
    {
        var transport = provider.GetRequiredService<RabbitMqTransport>();
        var channel = new RabbitMqChannel(
            name, options, transport, provider.GetService<IOutbox>(), provider.GetService<ITransactionSessionFactory>(), provider.GetService<TimeProvider>() ?? TimeProvider.System);
        transport.Register(channel);
        return channel;
    }
}
