using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Fixtures.Delivery;

/// <summary>What the handlers did, in order; one per host.</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentQueue<string> _entries = new();

    public string[] Entries => _entries.ToArray();

    public void Add(string entry) => _entries.Enqueue(entry);

    public int Count(string prefix) => _entries.Count(e => e.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>A scoped service that logs its disposal, so tests see when its scope ends.</summary>
public sealed class AttemptScoped(DeliveryLog log) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => log.Add($"disposed {Id}");
}

/// <summary>Lets a test hold a handler in the middle of its work.</summary>
public sealed class DeliveryGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Makes <see cref="FailureHandlers.Toggle"/> fail while on.</summary>
public sealed class DeliverySwitch
{
    public volatile bool On;
}

/// <summary>How many handlers run at once, and the most that ever did.</summary>
public sealed class DeliveryMeeting
{
    private int _inside;
    private int _most;

    public int Most => Volatile.Read(ref _most);

    public async Task AttendAsync(TimeSpan linger, CancellationToken token)
    {
        var inside = Interlocked.Increment(ref _inside);
        for (var most = Volatile.Read(ref _most); inside > most; most = Volatile.Read(ref _most))
        {
            Interlocked.CompareExchange(ref _most, inside, most);
        }

        try
        {
            await Task.Delay(linger, token);
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }
}
