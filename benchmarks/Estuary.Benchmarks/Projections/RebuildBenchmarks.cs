using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Benchmarks.Projections;

/// <summary>
/// Rebuild of the cart totals projection over the imported log (<see cref="ProjectionBenchDatabase"/>):
/// Estuary's <c>EstuaryProjections.RebuildAsync</c> against Marten's async daemon
/// <c>RebuildProjectionAsync</c>, each from an empty read model to every event projected. One-shot:
/// no warm-up, each iteration one full rebuild; both check the read model before they count.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MedianColumn]
[Config(typeof(EventStore.EventStoreBenchmarkConfig))]
public class RebuildBenchmarks
{
    private ServiceProvider? _estuary;
    private DocumentStore? _marten;

    [GlobalSetup(Target = nameof(EstuaryRebuild))]
    public void SetUpEstuary()
    {
        _estuary = ProjectionBenchDatabase.StartEstuary(ProjectionBenchDatabase.ConnectionString);
        ProjectionBenchDatabase.EnsureEstuaryEventsAsync(_estuary).GetAwaiter().GetResult();
    }

    [GlobalSetup(Target = nameof(MartenRebuild))]
    public void SetUpMarten()
    {
        _marten = ProjectionBenchDatabase.StartMartenAsync(ProjectionBenchDatabase.ConnectionString).GetAwaiter().GetResult();
        ProjectionBenchDatabase.EnsureMartenEventsAsync(_marten, ProjectionBenchDatabase.ConnectionString).GetAwaiter().GetResult();
    }

    /// <summary>Reset (truncate in the reset hook), then batches of 1,000 until caught up.</summary>
    [Benchmark]
    public async Task<int> EstuaryRebuild()
    {
        var handled = await _estuary!.GetRequiredService<EstuaryProjections>().RebuildAsync("cart_totals");
        return handled == ProjectionBenchDatabase.Events ? handled
            : throw new InvalidOperationException($"Estuary's rebuild handled {handled} events of {ProjectionBenchDatabase.Events}.");
    }

    /// <summary>The daemon's rebuild of the single-stream projection, with its defaults.</summary>
    [Benchmark]
    public async Task<long> MartenRebuild()
    {
        using var daemon = await _marten!.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<MartenCartTotalsProjection>(TimeSpan.FromHours(1), CancellationToken.None);
        await using var session = _marten.QuerySession();
        var lines = await session.Query<MartenCartTotals>().SumAsync(t => t.Lines);
        return lines == ProjectionBenchDatabase.Events ? lines
            : throw new InvalidOperationException($"Marten's rebuild projected {lines} lines of {ProjectionBenchDatabase.Events}.");
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _estuary?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _marten?.Dispose();
    }
}
