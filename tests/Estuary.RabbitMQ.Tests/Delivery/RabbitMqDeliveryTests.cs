using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Fixtures.Delivery;
using Estuary.Postgres;
using Estuary.Testing.Postgres;

namespace Estuary.RabbitMQ.Tests.Delivery;

/// <summary>The delivery suite on RabbitMQ channels with the in-memory stores: delays wait in the broker's wait queues.</summary>
public sealed class RabbitMqDeliveryTests : RabbitMqDeliveryContract
{
}

/// <summary>
/// The delivery suite on RabbitMQ channels with the PostgreSQL stores: each delivery carries a transaction
/// of the database, delays and retries wait in the outbox.
/// </summary>
public sealed class RabbitMqPostgresDeliveryTests : RabbitMqDeliveryContract
{
    private readonly TestSchemas _schemas = new("r_");

    protected override void AddStores(EstuaryBuilder estuary)
    {
        base.AddStores(estuary);
        var schema = _schemas.Next();
        estuary.UsePostgres(_schemas.DataSource, postgres => postgres.Options.SchemaName = schema);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _schemas.DisposeAsync();
    }
}

/// <summary>The suite's channels as RabbitMQ queues of their own (random names), deleted afterwards.</summary>
public abstract class RabbitMqDeliveryContract : DeliveryContract
{
    private readonly List<string> _queues = [];

    protected override void AddStores(EstuaryBuilder estuary) =>
        estuary.UseRabbitMq(TestBroker.Factory.Uri.ToString());

    protected override void Declare(EstuaryBuilder estuary, string name, Action<ConsumerSettings>? consumer)
    {
        var queue = TestBroker.Unique(name);
        _queues.Add(queue);
        estuary.AddRabbitMqChannel(name, channel =>
        {
            channel.Queue = queue;
            channel.MaxPriority = 10;
            consumer?.Invoke(channel.Consumer);
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await using var connection = await TestBroker.Factory.CreateConnectionAsync();
        await using var admin = await connection.CreateChannelAsync();
        foreach (var queue in _queues)
        {
            await admin.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        }
    }
}
