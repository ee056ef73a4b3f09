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

    /// <summary>A channel of the raw client, for the test's own declarations and reads.</summary>
    public IChannel Admin { get; private set; } = null!;

    public static string Unique(string name) => name + "-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        _admin = await Factory.CreateConnectionAsync();
        Admin = await _admin.CreateChannelAsync();
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
