using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Estuary.Benchmarks.EventStore.OnMarten;
using JasperFx.Events;

namespace Estuary.Benchmarks.EventStore;

/// <summary>
/// Loading one aggregate of <see cref="Events"/> events (a <see cref="CartOpened"/> and 999
/// <see cref="ItemAdded"/>), written at setup: Estuary's generated repository and raw stream read
/// against Marten's live aggregation and stream fetch (Quick mode store; reading does not depend on
/// the append mode). Each row reads its own library's stream, from a warm connection pool.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LoadBenchmarks
{
    /// <summary>Events in the loaded stream.</summary>
    public const int Events = 1000;

    private EstuaryEventsHost? _estuary;
    private MartenSubject? _marten;
    private readonly Guid _cart = Guid.CreateVersion7();

    [GlobalSetup(Targets = [nameof(EstuaryRepositoryLoad), nameof(EstuaryReadStream)])]
    public void SetUpEstuary() => SetUpEstuaryAsync().GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(MartenAggregateStream), nameof(MartenFetchStream)])]
    public void SetUpMarten() => SetUpMartenAsync().GetAwaiter().GetResult();

    /// <summary><c>EventSourcedRepository&lt;Cart&gt;.LoadAsync</c>: read, convert by name and revision, deserialize, apply.</summary>
    [Benchmark]
    public async Task<decimal> EstuaryRepositoryLoad()
    {
        var loaded = await _estuary!.Repository.LoadAsync(EstuaryEventsHost.IdOf(_cart), CancellationToken.None);
        return loaded!.Aggregate.Total;
    }

    /// <summary><c>IEventStore.ReadStreamAsync</c>: the stored events, payloads as JSON bytes (not deserialized).</summary>
    [Benchmark]
    public async Task<int> EstuaryReadStream() => (await _estuary!.Store.ReadStreamAsync(EstuaryEventsHost.StreamOf(_cart))).Count;

    /// <summary>Marten <c>AggregateStreamAsync&lt;MartenCart&gt;</c> (live aggregation) in a new query session.</summary>
    [Benchmark]
    public async Task<decimal> MartenAggregateStream()
    {
        await using var session = _marten!.Store.QuerySession();
        return (await session.Events.AggregateStreamAsync<MartenCart>(_cart))!.Total;
    }

    /// <summary>Marten <c>FetchStreamAsync</c> in a new query session: the events, deserialized.</summary>
    [Benchmark]
    public async Task<int> MartenFetchStream()
    {
        await using var session = _marten!.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(_cart)).Count;
    }

    [GlobalCleanup]
    public void CleanUp() => CleanUpAsync().GetAwaiter().GetResult();

    /// <summary>The events of the loaded cart, the same for both libraries.</summary>
    public static IReadOnlyList<object> History(Guid cart) =>
        [new CartOpened(cart, "ada"), .. Enumerable.Range(1, Events - 1).Select(line => CartEvents.Item(cart, line))];

    /// <summary>What every row must rebuild from <see cref="History"/>.</summary>
    public static decimal ExpectedTotal(Guid cart) => History(cart).OfType<ItemAdded>().Sum(item => item.Quantity * item.UnitPrice);

    private async Task SetUpEstuaryAsync()
    {
        _estuary = await EstuaryEventsHost.StartAsync(EventStoreDatabase.ConnectionString);

        // Through the repository, so every event carries the metadata the typed path writes.
        await _estuary.Repository.AppendAsync(EstuaryEventsHost.IdOf(_cart), new Cart(), History(_cart), 0, CancellationToken.None);
        Expect("EstuaryRepositoryLoad", await EstuaryRepositoryLoad(), ExpectedTotal(_cart));
        Expect("EstuaryReadStream", await EstuaryReadStream(), Events);
    }

    private async Task SetUpMartenAsync()
    {
        // With the automatic preparation Estuary's data source has, so both read with the same settings.
        _marten = await MartenSubject.StartAsync(EventStoreDatabase.ConnectionString + EventStoreDatabase.AutoPrepare, EventAppendMode.Quick, prepared: true);
        await using (var session = _marten.Store.LightweightSession())
        {
            session.Events.StartStream<MartenCart>(_cart, History(_cart));
            await session.SaveChangesAsync();
        }

        Expect("MartenAggregateStream", await MartenAggregateStream(), ExpectedTotal(_cart));
        Expect("MartenFetchStream", await MartenFetchStream(), Events);
    }

    private static void Expect<T>(string row, T actual, T expected)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            throw new InvalidOperationException($"{row} returned {actual}, expected {expected}: the stream was not written or not read whole.");
        }
    }

    private async Task CleanUpAsync()
    {
        if (_estuary is not null)
        {
            await _estuary.DisposeAsync();
        }

        if (_marten is not null)
        {
            await _marten.DisposeAsync();
        }
    }
}
