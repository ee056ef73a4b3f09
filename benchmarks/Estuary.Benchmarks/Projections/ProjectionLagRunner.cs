using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Benchmarks.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Percentiles = Estuary.Benchmarks.Channels.LatencyRunner.Percentiles;

namespace Estuary.Benchmarks.Projections;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Estuary.Benchmarks -- projection-lag [--rate 500] [--seconds 20]</c>:
/// live lag of the cart totals projection while one writer appends <c>rate</c> single-event carts per
/// second (paced, each to a new stream). Lag is the time from an append's commit to the moment its cart's
/// row is found in the read model, by one poller querying both libraries' tables the same way every 5 ms.
/// Estuary: the host's projection worker (polled, one-second interval), woken after each append by
/// <c>EstuaryProjections.TriggerAsync</c>, as the docs say to do after appending through <c>IEventStore</c>.
/// Marten: the async daemon started with <c>StartAllAsync</c>, its defaults otherwise. Empty schemas of their own.
/// </summary>
public static class ProjectionLagRunner
{
    private const string EstuarySchema = "bench_lag_estuary";
    private const string MartenSchema = "bench_lag_marten";

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 500);
        var seconds = Option(args, "--seconds", 20);
        Console.WriteLine($"Live lag at {rate} appends/s for {seconds} s (append commit -> row found in the read model, 5 ms polling).");
        Console.WriteLine("| Library | appends | appends/s reached | found | p50 ms | p90 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var connection = ProjectionBenchDatabase.ConnectionString;
        await DropAsync(connection, EstuarySchema);
        await DropAsync(connection, MartenSchema);

        await using (var estuary = ProjectionBenchDatabase.StartEstuary(connection, EstuarySchema, TimeSpan.FromSeconds(1)))
        {
            var store = estuary.GetRequiredService<IEventStore>();
            var projections = estuary.GetRequiredService<EstuaryProjections>();
            await projections.InitializeAsync("cart_totals");
            var workers = estuary.GetServices<IHostedService>().ToArray();
            foreach (var worker in workers)
            {
                await worker.StartAsync(CancellationToken.None);
            }

            await MeasureAsync(
                "Estuary",
                connection,
                $"SELECT cart_id FROM {EstuarySchema}.cart_totals WHERE cart_id = ANY($1)",
                rate,
                seconds,
                async (cart, line) => await store.AppendAsync(ProjectionBenchDatabase.StreamPrefix + "-" + cart.ToString("D"), ExpectedVersion.NoStream, [EstuaryEventsHost.Data(CartEvents.Item(cart, line))]),
                async () => await projections.TriggerAsync("cart_totals"));
            foreach (var worker in workers)
            {
                await worker.StopAsync(CancellationToken.None);
            }
        }

        using (var marten = await ProjectionBenchDatabase.StartMartenAsync(connection, MartenSchema))
        {
            using var daemon = await marten.BuildProjectionDaemonAsync();
            await daemon.StartAllAsync();
            await MeasureAsync("Marten", connection, $"SELECT id FROM {MartenSchema}.mt_doc_martencarttotals WHERE id = ANY($1)", rate, seconds, async (cart, line) =>
            {
                await using var session = marten.LightweightSession();
                session.Events.StartStream<MartenCartTotals>(cart, CartEvents.Item(cart, line));
                await session.SaveChangesAsync();
            },
            afterCommit: null);
            await daemon.StopAllAsync();
        }

        return 0;
    }

    private static async Task MeasureAsync(string library, string connection, string findSql, int rate, int seconds, Func<Guid, long, Task> append, Func<Task>? afterCommit)
    {
        var appendedAt = new ConcurrentDictionary<Guid, long>();
        var lags = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource();
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested || !appendedAt.IsEmpty)
            {
                var pending = appendedAt.Keys.Take(2000).ToArray();
                if (pending.Length > 0)
                {
                    await using var command = dataSource.CreateCommand(findSql);
                    command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = pending });
                    await using var reader = await command.ExecuteReaderAsync();
                    var now = Stopwatch.GetTimestamp();
                    while (await reader.ReadAsync())
                    {
                        if (appendedAt.TryRemove(reader.GetGuid(0), out var at))
                        {
                            lags.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                        }
                    }
                }

                await Task.Delay(5);
            }
        });

        var total = rate * seconds;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            // Paced: append i is due at i / rate seconds after the start.
            var due = TimeSpan.FromSeconds(i / (double)rate) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            var cart = Guid.CreateVersion7();
            await append(cart, i);
            appendedAt[cart] = Stopwatch.GetTimestamp();
            if (afterCommit is not null)
            {
                await afterCommit();
            }
        }

        var reached = total / Stopwatch.GetElapsedTime(started).TotalSeconds;

        // Whatever is still pending gets 30 s to show up.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!appendedAt.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var lost = appendedAt.Count;
        appendedAt.Clear();
        await stop.CancelAsync();
        await poller;
        var p = Percentiles.Of([.. lags]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {library} | {total:N0} | {reached:N0} | {total - lost:N0} | {p.P50:N1} | {p.P90:N1} | {p.P99:N1} | {p.Max:N1} |"));
    }

    private static async Task DropAsync(string connection, string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await EventStoreDatabase.ExecuteAsync(dataSource, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
