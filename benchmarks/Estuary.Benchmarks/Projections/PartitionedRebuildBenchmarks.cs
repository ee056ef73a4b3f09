using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Benchmarks.Projections;

/// <summary>
/// Rebuild of the partitioned cart totals (<see cref="PartitionedCartTotals"/>, one partition per cart)
/// over the same log as <see cref="RebuildBenchmarks"/>, with 1, 2 and 4 batches of partitions at once
/// in the host. Run both classes together (<c>--filter '*RebuildBenchmarks*'</c>) to compare with the
/// global projection and Marten's daemon in one run.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MedianColumn]
[Config(typeof(EventStore.EventStoreBenchmarkConfig))]
public class PartitionedRebuildBenchmarks
{
    private ServiceProvider? _estuary;

    /// <summary>Batches of partitions running at once in the host (<c>ProjectionPartitionWorkers</c>).</summary>
    [Params(1, 2, 4)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _estuary = ProjectionBenchDatabase.StartEstuary(ProjectionBenchDatabase.ConnectionString, partitionWorkers: Workers);
        ProjectionBenchDatabase.EnsureEstuaryEventsAsync(_estuary).GetAwaiter().GetResult();

        // Discovery of the log: once per schema (the partitions and discovery's position stay between runs).
        _estuary.GetRequiredService<EstuaryProjections>().CatchUpAsync("cart_totals_partitioned").GetAwaiter().GetResult();
    }

    /// <summary>Reset (truncate, every cart's partition due again), then batches of up to 100 carts until every partition caught up.</summary>
    [Benchmark]
    public async Task<int> EstuaryPartitionedRebuild()
    {
        var handled = await _estuary!.GetRequiredService<EstuaryProjections>().RebuildAsync("cart_totals_partitioned");
        return handled == ProjectionBenchDatabase.Events ? handled
            : throw new InvalidOperationException($"Estuary's partitioned rebuild handled {handled} events of {ProjectionBenchDatabase.Events}.");
    }

    [GlobalCleanup]
    public void CleanUp() => _estuary?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
