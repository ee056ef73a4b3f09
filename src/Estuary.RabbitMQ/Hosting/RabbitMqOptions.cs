using System;

namespace Estuary.RabbitMQ;

/// <summary>How a host talks to its broker. Set through <c>UseRabbitMq(uri, rabbit => rabbit.Options...)</c>.</summary>
public sealed class RabbitMqOptions
{
    /// <summary>The broker's address, <c>amqp://user:password@host:5672/vhost</c> (<c>amqps://</c> for TLS).</summary>
    public Uri Uri { get; set; } = new("amqp://guest:guest@localhost:5672/");

    /// <summary>The name the connection shows in the broker's management tools (default: the process name).</summary>
    public string? ConnectionName { get; set; }

    /// <summary>
    /// Whether the host declares its queues, exchanges and bindings on first use (default on). Off when the
    /// broker's topology is managed elsewhere: the queues must then exist, with the arguments declared here.
    /// </summary>
    public bool AutoDeclare { get; set; } = true;

    /// <summary>How many channels publishes are spread over, however many sends run at once (default 4).</summary>
    public int PublishChannels { get; set; } = 4;

    /// <summary>How many publishes may wait for the broker's confirm at once, across the host (default 512).</summary>
    public int OutstandingConfirms { get; set; } = 512;

    /// <summary>
    /// How long a publish waits for its confirm before it fails (default 10 s). A send that timed out may
    /// or may not be stored: the outbox sends it again, and the receiver deduplicates.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
