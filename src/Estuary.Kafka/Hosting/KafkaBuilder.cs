using System;
using System.Collections.Generic;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Kafka;

/// <summary>Declares Kafka channels. Obtained from <c>UseKafka</c>.</summary>
public sealed class KafkaBuilder
{
    internal KafkaBuilder(EstuaryBuilder estuary, KafkaOptions options)
    {
        Estuary = estuary;
        Options = options;
    }

    /// <summary>The host's Estuary builder.</summary>
    public EstuaryBuilder Estuary { get; }

    /// <summary>The cluster's address and the clients' settings.</summary>
    public KafkaOptions Options { get; }

    /// <summary>The names of the channels declared here, in order.</summary>
    internal List<string> ChannelNames { get; } = [];

    /// <summary>
    /// Declares a channel that is a Kafka topic (named like the channel unless <paramref name="configure"/>
    /// says otherwise), consumed by the group named like the channel:
    /// <code>kafka.AddChannel("orders", channel => channel.Consumer.Concurrency = 8);</code>
    /// </summary>
    public KafkaBuilder AddChannel(string name, Action<KafkaChannelOptions>? configure = null)
    {
        KafkaChannelOptions? options = null;
        Estuary.AddChannel(name, provider => Create(name, options!, provider), consumer => options = new KafkaChannelOptions(name, consumer));
        configure?.Invoke(options!);
        options!.Validate(name);
        ChannelNames.Add(name);
        return this;
    }

    private static KafkaChannel Create(string name, KafkaChannelOptions options, IServiceProvider provider)
    {
        var transport = provider.GetRequiredService<KafkaTransport>();
        var channel = new KafkaChannel(
            name, options, transport, provider.GetService<IOutbox>(), provider.GetService<ITransactionSessionFactory>(), provider.GetService<TimeProvider>() ?? TimeProvider.System);
        transport.Register(channel);
        return channel;
    }
}
