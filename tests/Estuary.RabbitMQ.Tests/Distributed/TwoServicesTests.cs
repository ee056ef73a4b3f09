using System;
using System.Threading.Tasks;
using Estuary.Testing.Postgres;
using Estuary.Testing.Processes;
using Npgsql;
using Xunit;

namespace Estuary.RabbitMQ.Tests.Distributed;

/// <summary>
/// Two Estuary services in processes of their own, sharing no class, exchange commands and events
/// through the distributed bus over two transports: orders sends commands (from handlers, through its
/// outbox) to billing's RabbitMQ queue; billing publishes events to orders' PostgreSQL channel.
/// </summary>
public sealed class TwoServicesTests : IAsyncLifetime
{
    private const int Orders = 60;
    private readonly string _schema = "distributed_" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _billingQueue = TestBroker.Unique("billing");
    private NpgsqlDataSource _dataSource = null!;

    [Fact]
    public async Task Orders_commands_reach_billing_over_RabbitMQ_and_billings_events_come_back_over_PostgreSQL()
    {
        var (invoices, lines) = await TwoServices.RunAsync(environment: null, TestDatabase.ConnectionString, _schema, _billingQueue, Orders);

        Assert.Equal(TwoServices.Expected(Orders), invoices);
        Assert.Equal(Orders, lines);   // each once: both channels deduplicate by message id
    }

    public Task InitializeAsync()
    {
        _dataSource = TestDatabase.Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DropSchemaAsync(_schema);

        await _dataSource.DisposeAsync();
        await using var connection = await TestBroker.Factory.CreateConnectionAsync();
        await using var admin = await connection.CreateChannelAsync();
        await admin.QueueDeleteAsync(_billingQueue, ifUnused: false, ifEmpty: false);
    }
}
