using System;
using System.Collections.Generic;
using System.Linq;
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
        var connectionString = TestDatabase.ConnectionString;
        using var billing = await ServiceProcess.StartAsync("BillingService", kafka, connectionString, _schema, _billingTopic);
        using var orders = await ServiceProcess.StartAsync("OrdersService", kafka, connectionString, _schema, _billingTopic, Orders.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Invoiced(orders).Count < Orders && DateTime.UtcNow < deadline && !orders.HasExited && !billing.HasExited)
        {
            await Task.Delay(100);
        }

        var invoiced = Invoiced(orders);
        Assert.Equal(Enumerable.Range(1, Orders).Select(i => $"invoice order-{i} INV-order-{i} from billing").Order(StringComparer.Ordinal), invoiced.Order(StringComparer.Ordinal));
        Assert.Equal(Orders, orders.Lines.Count);   // each once: both channels deduplicate by message id
    }

    private static HashSet<string> Invoiced(ServiceProcess orders) => orders.Lines.Where(l => l.StartsWith("invoice ", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

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
