using System;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Fixtures.Delivery;
using Estuary.Postgres;
using Estuary.Testing.Kafka;
using Estuary.Testing.Postgres;

namespace Estuary.Kafka.Tests.Delivery;

/// <summary>The delivery suite on Kafka channels with the in-memory stores: delays wait in the channel's retry topics.</summary>
public sealed class KafkaDeliveryTests : KafkaDeliveryContract
{
}

/// <summary>
/// The delivery suite on Kafka channels with the PostgreSQL stores: each delivery carries a transaction of the
/// database, committed before the record's offset is stored.
/// </summary>
public sealed class KafkaPostgresDeliveryTests : KafkaDeliveryContract
{
    private readonly TestSchemas _schemas = new("k_");

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

/// <summary>
/// The suite's channels as Kafka topics of their own (random names, one partition so the suite's order
/// holds across keys), each read by a consumer group of its own.
/// </summary>
public abstract class KafkaDeliveryContract : DeliveryContract
{
    protected override bool OrdersByPriority => false;

    protected override void AddStores(EstuaryBuilder estuary) =>
        estuary.UseTestKafka();

    protected override void Declare(EstuaryBuilder estuary, string name, Action<ConsumerSettings>? consumer)
    {
        var topic = KafkaTestCluster.Unique(name);
        estuary.AddKafkaChannel(name, channel =>
        {
            channel.Topic = topic;
            channel.GroupId = topic;
            consumer?.Invoke(channel.Consumer);
            KafkaTestCluster.CreateTopics([topic, .. channel.RetryTopics], partitions: 1);
        });
    }
}
