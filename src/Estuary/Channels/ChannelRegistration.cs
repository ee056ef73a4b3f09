using System;

namespace Estuary.Channels;

/// <summary>A channel declared when the host is built: its name, how to create it and how its consumer runs.</summary>
public sealed class ChannelRegistration(string name, Func<IServiceProvider, IMessageChannel> factory, ConsumerSettings consumer)
{
    /// <summary>The channel's name.</summary>
    public string Name { get; } = name;

    /// <summary>Creates the channel from the host's services (once per host).</summary>
    public Func<IServiceProvider, IMessageChannel> Factory { get; } = factory;

    /// <summary>How the channel's consumer runs.</summary>
    public ConsumerSettings Consumer { get; } = consumer;
}
