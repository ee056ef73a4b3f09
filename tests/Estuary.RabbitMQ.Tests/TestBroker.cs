using System;
using System.Threading.Tasks;
using RabbitMQ.Client;
using Xunit;

namespace Estuary.RabbitMQ.Tests;

/// <summary>
/// The test server named by ESTUARY_RABBITMQ, a connection of the library's to it, and a channel of the
/// raw client for the test to declare, inspect and delete with. Queue names carry a random suffix.
/// </summary>
public sealed class TestBroker : IAsyncLifetime
{
    private IConnection? _admin;

    public static ConnectionFactory Factory => new()
    {
        Uri = new Uri(Environment.GetEnvironmentVariable("ESTUARY_RABBITMQ")
            ?? throw new InvalidOperationException(
                "ESTUARY_RABBITMQ is not set, so the RabbitMQ integration tests cannot run. Start the test server and export its address: eng/services.sh start && eval \"$(eng/services.sh env)\" (eng/test.sh does both).")),
    };

    /// <summary>
    /// A channel of the raw client, for the test's own declarations, publishes and reads. Its publishes
    /// wait for the broker's confirmation, so a message a test publishes is in its queue when the call
    /// returns (without it a consumer that stops when the queue is empty could miss it).
    /// </summary>
    public IChannel Admin { get; private set; } = null!;

    public static string Unique(string name) => name + "-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        _admin = await Factory.CreateConnectionAsync();
        Admin = await _admin.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
    }

    public async Task DisposeAsync()
    {
        await Admin.DisposeAsync();
        if (_admin is { } admin)
        {
            await admin.CloseAsync();
            admin.Dispose();
        }
    }

    /// <summary>Declares a queue that is deleted when the test's connection closes.</summary>
    public async Task<string> QueueAsync(string name)
    {
        var queue = Unique(name);
        await Admin.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false, arguments: null);
        return queue;
    }
}
