using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Estuary.Benchmarks.EventStore;

/// <summary>
/// Appends of single-event commands to distinct streams: one operation is <see cref="Appends"/>
/// appends, each starting a new stream in a transaction of its own, split over <see cref="Writers"/>
/// concurrent writers that each append one after the other. <c>Events/s</c> = appends / median.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(EventStoreBenchmarkConfig))]
[InvocationCount(1)]
public class AppendBenchmarks
{
    /// <summary>Appends per operation (a multiple of every writer count).</summary>
    public const int Appends = 800;

    private IEventStoreSubject? _subject;
    private Guid[] _carts = [];
    private long _line;

    /// <summary>Writers appending at the same time, each on a connection of its own.</summary>
    [Params(1, 8)]
    public int Writers { get; set; }

    [GlobalSetup(Target = nameof(EstuaryStore))]
    public void SetUpEstuaryStore() => SetUp("EstuaryStore");

    [GlobalSetup(Target = nameof(EstuaryRepository))]
    public void SetUpEstuaryRepository() => SetUp("EstuaryRepository");

    [GlobalSetup(Target = nameof(MartenQuick))]
    public void SetUpMartenQuick() => SetUp("MartenQuick");

    [GlobalSetup(Target = nameof(MartenQuickPrepared))]
    public void SetUpMartenQuickPrepared() => SetUp("MartenQuickPrepared");

    [GlobalSetup(Target = nameof(MartenRich))]
    public void SetUpMartenRich() => SetUp("MartenRich");

    [IterationSetup]
    public void NewCarts()
    {
        for (var i = 0; i < _carts.Length; i++)
        {
            _carts[i] = Guid.CreateVersion7();
        }
    }

    [Benchmark]
    public Task EstuaryStore() => AppendAllAsync();

    [Benchmark]
    public Task EstuaryRepository() => AppendAllAsync();

    [Benchmark]
    public Task MartenQuick() => AppendAllAsync();

    [Benchmark]
    public Task MartenQuickPrepared() => AppendAllAsync();

    [Benchmark]
    public Task MartenRich() => AppendAllAsync();

    [IterationCleanup]
    public void Verify() => VerifyAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => _subject?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void SetUp(string subject) => SetUpAsync(subject).GetAwaiter().GetResult();

    private async Task SetUpAsync(string subject)
    {
        _subject = await EventStoreDatabase.StartAsync(subject, EventStoreDatabase.ConnectionString);
        await _subject.ResetAsync();
        _carts = new Guid[Appends];

        // Open the connections every writer needs and compile what runs on first use.
        NewCarts();
        await AppendAllAsync();
        await VerifyAsync();
    }

    private async Task AppendAllAsync()
    {
        var writers = new Task[Writers];
        for (var w = 0; w < writers.Length; w++)
        {
            writers[w] = AppendEveryAsync(w);
        }

        await Task.WhenAll(writers);
    }

    // Writer w appends to carts w, w + Writers, w + 2 * Writers... one after the other.
    private async Task AppendEveryAsync(int writer)
    {
        await Task.Yield();
        for (var i = writer; i < _carts.Length; i += Writers)
        {
            await _subject!.AppendToNewStreamAsync(_carts[i], Interlocked.Increment(ref _line));
        }
    }

    private async Task VerifyAsync()
    {
        await EventStoreDatabase.ExpectVersionAsync(_subject!, _carts[0], 1);
        await EventStoreDatabase.ExpectVersionAsync(_subject!, _carts[^1], 1);
    }
}
