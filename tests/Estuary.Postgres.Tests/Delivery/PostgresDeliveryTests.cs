using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Fixtures.Delivery;
using Xunit;
using Xunit.Abstractions;

namespace Estuary.Postgres.Tests.Delivery;

/// <summary>The delivery suite on Postgres channels, each host in a schema of its own.</summary>
public sealed partial class PostgresDeliveryTests(TestDatabase database, ITestOutputHelper output) : PostgresDeliveryContract(database), IClassFixture<TestDatabase>
{
    protected override void Declare(EstuaryBuilder estuary, string name, Action<ConsumerSettings>? consumer) =>
        estuary.AddPostgresChannel(name, consumer);
}

/// <summary>
/// The delivery suite on in-memory channels with the PostgreSQL stores: the deduplication mark, the
/// dead letter and the events live in a database the channel's deliveries do not share a transaction with.
/// </summary>
public sealed class InMemoryChannelPostgresStoresDeliveryTests(TestDatabase database) : PostgresDeliveryContract(database), IClassFixture<TestDatabase>
{
    protected override void Declare(EstuaryBuilder estuary, string name, Action<ConsumerSettings>? consumer) =>
        estuary.AddInMemoryChannel(name, consumer);
}

/// <summary>The suite with the PostgreSQL stores: a fresh schema per host, dropped afterwards.</summary>
public abstract class PostgresDeliveryContract(TestDatabase database) : DeliveryContract
{
    private readonly List<string> _schemas = [];

    /// <summary>The test server.</summary>
    protected TestDatabase Database { get; } = database;

    /// <summary>The schema of the host created last.</summary>
    protected string Schema => _schemas[^1];

    protected override void AddStores(EstuaryBuilder estuary)
    {
        var schema = "d_" + Guid.NewGuid().ToString("N");
        _schemas.Add(schema);
        estuary.UsePostgres(Database.DataSource, postgres => postgres.Options.SchemaName = schema);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var schema in _schemas)
        {
            await using var drop = Database.DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
