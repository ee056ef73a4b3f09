using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Estuary.Testing.Kafka;
using Estuary.Testing.Postgres;
using Estuary.Testing.Processes;
using Npgsql;
using Xunit;

namespace Estuary.Kafka.Tests.Distributed;

/// <summary>
/// Two Estuary services in processes of their own, sharing no class, exchange commands and events through
/// the distributed bus over two transports: orders sends commands (from handlers, through its outbox) to
/// billing's Kafka topic; billing publishes events to orders' PostgreSQL channel. The Kafka cluster is the
/// test's (the mock cluster listens on local ports, so the services reach it like a real one).
/// </summary>
public sealed class TwoServicesTests : IAsyncLifetime
{
    private const int Orders = 60;
    private readonly string _schema = "kdistributed_" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _billingTopic = KafkaTestCluster.Unique("billing");
    private NpgsqlDataSource _dataSource = null!;

    [Fact]
    public async Task Orders_commands_reach_billing_over_Kafka_and_billings_events_come_back_over_PostgreSQL()
    {
        KafkaTestCluster.CreateTopic(_billingTopic, 4);
        var kafka = new Dictionary<string, string> { ["ESTUARY_KAFKA"] = KafkaTestCluster.BootstrapServers };
        var (invoices, lines) = await TwoServices.RunAsync(kafka, TestDatabase.ConnectionString, _schema, _billingTopic, Orders);

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
    }
}
