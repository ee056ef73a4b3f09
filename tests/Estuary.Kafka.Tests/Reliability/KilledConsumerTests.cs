using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Postgres;
using Estuary.Testing.Kafka;
using Estuary.Testing.Postgres;
using Estuary.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Kafka.Tests.Reliability;

/// <summary>
/// A worker (tests/Fixtures/Estuary.Fixtures.KafkaWorker) handles entries, each appending an event in the
/// delivery's PostgreSQL transaction, and is killed before it commits its offsets. The next worker of the
/// group receives the same records again: deduplication, committed with each entry's event, keeps them
/// from having a second effect; without it they would.
/// </summary>
public sealed class KilledConsumerTests : IAsyncLifetime
{
    private const int Entries = 5;
    private readonly string _schema = "kkill_" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _topic = KafkaTestCluster.Unique("entries");
    private NpgsqlDataSource _dataSource = null!;
    private ServiceProvider _reader = null!;

    [Fact]
    public async Task Records_handled_by_a_worker_killed_before_its_offsets_were_committed_come_again_and_are_recognised_as_duplicates()
    {
        await HandleThenKillAsync();

        var drained = await DrainAsync(deduplicate: true);

        Assert.Equal($"handled=0 duplicate={Entries}", drained);
        Assert.Equal(Entries, await RecordedAsync());
    }

    [Fact]
    public async Task Without_deduplication_the_records_of_the_killed_worker_would_be_handled_a_second_time()
    {
        await HandleThenKillAsync();

        var drained = await DrainAsync(deduplicate: false);

        Assert.Equal($"handled={Entries} duplicate=0", drained);
        Assert.Equal(2 * Entries, await RecordedAsync());
    }

    private async Task HandleThenKillAsync()
    {
        using (var worker = await ServiceProcess.StartAsync("KafkaWorker", Cluster(), "serve", TestDatabase.ConnectionString, _schema, _topic, Entries.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await RecordedAsync() < Entries)
            {
                Assert.True(DateTime.UtcNow < deadline && !worker.HasExited, "The worker did not record every entry.");
                await Task.Delay(50);
            }
        }

        // Killed (SIGKILL) when disposed: its offsets, committed only hourly, were not.
    }

    private async Task<string> DrainAsync(bool deduplicate)
    {
        string[] arguments = deduplicate
            ? ["drain", TestDatabase.ConnectionString, _schema, _topic]
            : ["drain", TestDatabase.ConnectionString, _schema, _topic, "no-dedup"];
        using var worker = await ServiceProcess.StartAsync("KafkaWorker", Cluster(), arguments);
        Assert.Equal(0, await worker.ExitCodeAsync(TimeSpan.FromSeconds(90)));
        return worker.Lines.Last();
    }

    private async Task<long> RecordedAsync()
    {
        try
        {
            return (await _reader.GetRequiredService<IEventStore>().ReadStreamAsync("entries")).Count;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;   // the worker has not created its tables yet
        }
    }

    private static Dictionary<string, string> Cluster() => new() { ["ESTUARY_KAFKA"] = KafkaTestCluster.BootstrapServers };

    public Task InitializeAsync()
    {
        KafkaTestCluster.CreateTopic(_topic, 1);
        _dataSource = TestDatabase.Open();
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(_dataSource, postgres => postgres.Options.SchemaName = _schema));
        _reader = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _dataSource.DropSchemaAsync(_schema);
        await _dataSource.DisposeAsync();
    }
}
