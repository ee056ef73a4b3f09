using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Benchmarks.Projections;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Estuary.Benchmarks -- projections</c>: what the rebuild
/// suite's timings do not show. Each library rebuilds the cart totals once through a
/// <see cref="RoundTripProxy"/>: round trips per 1,000 events projected (whatever each library's batch
/// size) and connections opened. Timed here too, for reference only (the relay adds latency to every
/// round trip); the events per second of record are the rebuild suite's.
/// </summary>
public static class ProjectionRoundTripRunner
{
    public static async Task<int> RunAsync()
    {
        var events = ProjectionBenchDatabase.Events;
        Console.WriteLine($"Rebuild of cart_totals over {events:N0} events in {ProjectionBenchDatabase.Streams:N0} streams, through a round-trip counting relay.");
        Console.WriteLine("| Library | round trips | per 1,000 events | connections | seconds (relayed) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");

        await using (var estuary = ProjectionBenchDatabase.StartEstuary(ProjectionBenchDatabase.ConnectionString))
        {
            await ProjectionBenchDatabase.EnsureEstuaryEventsAsync(estuary);
        }

        await using (var proxy = RoundTripProxy.Start(ProjectionBenchDatabase.ConnectionString))
        await using (var estuary = ProjectionBenchDatabase.StartEstuary(proxy.ConnectionString))
        {
            var projections = estuary.GetRequiredService<EstuaryProjections>();
            await projections.StatusAsync();
            proxy.Reset();
            var started = Stopwatch.GetTimestamp();
            var handled = await projections.RebuildAsync("cart_totals");
            Report("Estuary", proxy, Stopwatch.GetElapsedTime(started), handled == events ? events : throw new InvalidOperationException($"Estuary handled {handled} events."));
        }

        using (var marten = await ProjectionBenchDatabase.StartMartenAsync(ProjectionBenchDatabase.ConnectionString))
        {
            await ProjectionBenchDatabase.EnsureMartenEventsAsync(marten, ProjectionBenchDatabase.ConnectionString);
        }

        await using (var proxy = RoundTripProxy.Start(ProjectionBenchDatabase.ConnectionString))
        using (var marten = await ProjectionBenchDatabase.StartMartenAsync(proxy.ConnectionString))
        {
            proxy.Reset();
            var started = Stopwatch.GetTimestamp();
            using var daemon = await marten.BuildProjectionDaemonAsync();
            await daemon.RebuildProjectionAsync<MartenCartTotalsProjection>(TimeSpan.FromHours(1), CancellationToken.None);
            Report("Marten", proxy, Stopwatch.GetElapsedTime(started), events);
        }

        return 0;
    }

    private static void Report(string library, RoundTripProxy proxy, TimeSpan elapsed, int events) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {library} | {proxy.RoundTrips:N0} | {proxy.RoundTrips * 1000.0 / events:N1} | {proxy.Connections} | {elapsed.TotalSeconds:N1} |"));
}
