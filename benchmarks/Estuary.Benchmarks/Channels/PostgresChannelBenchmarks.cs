using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Npgsql;

namespace Estuary.Benchmarks.Channels;

/// <summary>
/// End to end on a PostgreSQL queue: one operation sends <see cref="Messages"/> messages, each in a
/// transaction of its own, from <see cref="Senders"/> concurrent senders, while the library's
/// consumers (started at setup, <see cref="Consumers"/> messages at once) receive them, run the
/// handler (one effect row in the delivery's transaction) and commit. The operation ends when the
/// last effect row has committed. Each operation is verified afterwards: exactly one effect row per
/// message, an empty queue, no failures.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(ChannelBenchmarkConfig))]
[InvocationCount(1)]
public class PostgresChannelBenchmarks
{
    /// <summary>Messages per operation.</summary>
    public const int Messages = 1000;

    /// <summary>
    /// Concurrent senders: enough that sending is not what limits 4 consumers, the same for every row,
    /// so the consumer count is the only thing that changes between rows of one library.
    /// </summary>
    public const int Senders = 4;

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    private IChannelSubject? _subject;
    private EffectListener? _listener;
    private NpgsqlDataSource? _admin;
    private long _first;
    private long _next = 1;

    /// <summary>Messages each library's consumers handle at the same time.</summary>
    [Params(1, 4)]
    public int Consumers { get; set; }

    [GlobalSetup(Target = nameof(Estuary))]
    public void SetUpEstuary() => SetUp(EstuaryChannelSubject.StartAsync(Consumers)).GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(Wolverine))]
    public void SetUpWolverine() => SetUp(WolverineChannelSubject.StartAsync(Consumers)).GetAwaiter().GetResult();

    [IterationSetup]
    public void StartWindow()
    {
        _first = _next;
        _next += Messages;
        _listener!.Expect(_first, Messages);
    }

    [Benchmark]
    public Task Estuary() => SendAndWaitAsync();

    [Benchmark]
    public Task Wolverine() => SendAndWaitAsync();

    [IterationCleanup]
    public void Verify() => VerifyAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => CleanUpAsync().GetAwaiter().GetResult();

    private async Task SetUp<T>(Task<T> starting)
        where T : IChannelSubject
    {
        _admin = NpgsqlDataSource.Create(ChannelDatabase.ConnectionString);
        _listener = await EffectListener.StartAsync(ChannelDatabase.ConnectionString);
        _subject = await starting;
    }

    private async Task SendAndWaitAsync()
    {
        var senders = new Task[Senders];
        for (var i = 0; i < senders.Length; i++)
        {
            senders[i] = SendEveryAsync(i);
        }

        await Task.WhenAll(senders);
        await WaitForEffectsAsync(_listener!, _first, Messages, s_timeout);
    }

    // Sender i sends messages i, i + Senders, i + 2 * Senders... of the window, one after the other.
    private async Task SendEveryAsync(int sender)
    {
        for (var i = sender; i < Messages; i += Senders)
        {
            await _subject!.SendAsync(_first + i);
        }
    }

    private async Task VerifyAsync()
    {
        if (_listener!.Duplicates != 0)
        {
            throw new InvalidOperationException($"{_subject!.Library}: {_listener.Duplicates} messages committed their effect twice.");
        }

        await ChannelDatabase.ExpectEffectsAsync(_admin!, _subject!.EffectTable, _first, Messages);
        await _subject.VerifyAndResetAsync(Messages);
    }

    private async Task CleanUpAsync()
    {
        if (_subject is not null)
        {
            await _subject.DisposeAsync();
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
    }

    /// <summary>Waits until every message of the listener's window committed its effect; fails after <paramref name="timeout"/>.</summary>
    internal static async Task WaitForEffectsAsync(EffectListener listener, long first, int count, TimeSpan timeout)
    {
        try
        {
            await listener.Completion.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"Only {listener.Seen} of the {count} messages {first}..{first + count - 1} committed their effect within {timeout.TotalSeconds:0} s.");
        }
    }
}
