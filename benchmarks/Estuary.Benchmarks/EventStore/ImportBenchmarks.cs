using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Estuary.Benchmarks.EventStore.OnMarten;
using Estuary.Postgres;
using JasperFx;
using JasperFx.Events;
using Marten.Events;

namespace Estuary.Benchmarks.EventStore;

/// <summary>
/// Bulk import of <see cref="Events"/> events into <see cref="Streams"/> new streams (10 each),
/// in the order of a global log (stream i % Streams, version i / Streams + 1), into empty tables.
/// A one-shot job: no warm-up, each iteration is one import after the tables were emptied.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MedianColumn]
[Config(typeof(EventStoreBenchmarkConfig))]
public class ImportBenchmarks
{
    public const int Events = 1_000_000;

    public const int Streams = 100_000;

    private const int PerStream = Events / Streams;

    private EstuaryEventsHost? _estuary;
    private MartenSubject? _marten;
    private Guid[] _carts = [];

    [GlobalSetup(Target = nameof(EstuaryImport))]
    public void SetUpEstuary() => _estuary = EstuaryEventsHost.StartAsync(EventStoreDatabase.ConnectionString).GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(MartenBulkInsertEventStream), nameof(MartenBulkInsertEvents)])]
    public void SetUpMarten() => _marten = MartenSubject.StartAsync(EventStoreDatabase.ConnectionString, EventAppendMode.Quick).GetAwaiter().GetResult();

    [IterationSetup]
    public void Empty()
    {
        _carts = Enumerable.Range(0, Streams).Select(_ => Guid.CreateVersion7()).ToArray();
        ResetAsync().GetAwaiter().GetResult();
    }

    /// <summary><c>PostgresEventStore.ImportAsync</c>: one binary COPY, streamed from the enumeration.</summary>
    [Benchmark]
    public async Task<long> EstuaryImport() => await _estuary!.Store.ImportAsync(EstuaryLog());

    /// <summary>Marten's streaming import (<c>BulkInsertEventStreamAsync</c>): bounded memory, order kept; one header per stream up front.</summary>
    [Benchmark]
    public async Task<int> MartenBulkInsertEventStream()
    {
        var headers = _carts.Select(cart => new BulkEventStreamHeader { Id = cart, Version = PerStream, AggregateType = typeof(MartenCart) }).ToArray();
        await _marten!.Store.BulkInsertEventStreamAsync(StorageConstants.DefaultTenantId, headers, MartenLog());
        return headers.Length;
    }

    /// <summary>Marten's batch import (<c>BulkInsertEventsAsync</c>): every stream's events built in memory first, as its API takes them.</summary>
    [Benchmark]
    public async Task<int> MartenBulkInsertEvents()
    {
        var streams = new List<StreamAction>(Streams);
        foreach (var cart in _carts)
        {
            var events = new object[PerStream];
            for (var version = 0; version < PerStream; version++)
            {
                events[version] = CartEvents.Item(cart, version * (long)Streams);
            }

            streams.Add(StreamAction.Start(_marten!.Store.Events, cart, events));
        }

        await _marten!.Store.BulkInsertEventsAsync(streams);
        return streams.Count;
    }

    [IterationCleanup]
    public void Verify() => VerifyAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp()
    {
        ResetAsync().GetAwaiter().GetResult();
        _estuary?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _marten?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async IAsyncEnumerable<ImportedEvent> EstuaryLog([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        for (long i = 0; i < Events; i++)
        {
            var cart = _carts[i % Streams];
            yield return new ImportedEvent(EstuaryEventsHost.StreamOf(cart), EstuaryEventsHost.Data(CartEvents.Item(cart, i)));
        }
    }

    private async IAsyncEnumerable<IEvent> MartenLog([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        for (long i = 0; i < Events; i++)
        {
            var cart = _carts[i % Streams];
            yield return new Event<ItemAdded>(CartEvents.Item(cart, i)) { Id = Guid.CreateVersion7(), StreamId = cart, Version = i / Streams + 1 };
        }
    }

    private async Task ResetAsync()
    {
        if (_estuary is not null)
        {
            await _estuary.ResetAsync();
        }

        if (_marten is not null)
        {
            await _marten.ResetAsync();
        }
    }

    private async Task VerifyAsync()
    {
        IEventStoreSubject subject = _estuary is not null ? new EstuaryStoreSubject(_estuary, ownsHost: false) : _marten!;
        await EventStoreDatabase.ExpectVersionAsync(subject, _carts[0], PerStream);
        await EventStoreDatabase.ExpectVersionAsync(subject, _carts[^1], PerStream);
    }
}
