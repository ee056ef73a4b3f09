using System;
using System.Threading.Tasks;

namespace Estuary.Benchmarks.Dispatch;

/// <summary>
/// Proves that each library really calls its handler: once per row at setup (one dispatch must
/// move exactly that row's counter, by the expected number of handler calls), and over the
/// measured run at cleanup.
/// </summary>
public static class Probe
{
    /// <summary>Runs <paramref name="dispatch"/> once; only <paramref name="library"/>'s counter may move, by <paramref name="calls"/>.</summary>
    public static void Expect(Library library, int calls, Action dispatch)
    {
        var before = Tally.Snapshot();
        dispatch();
        var after = Tally.Snapshot();
        for (var i = 0; i < before.Length; i++)
        {
            var expected = i == (int)library ? calls : 0;
            if (after[i] - before[i] != expected)
            {
                throw new InvalidOperationException(
                    $"Probe of {library}: counter {(Library)i} moved by {after[i] - before[i]}, expected {expected}.");
            }
        }
    }

    /// <summary>Checks that a query dispatch completed with the handler's result.</summary>
    public static void Returns<T>(T expected, T actual)
        where T : class
    {
        if (!ReferenceEquals(expected, actual))
        {
            throw new InvalidOperationException($"Query returned {actual}, expected the handler's {expected}.");
        }
    }

    /// <summary>Waits for a dispatch that the probe expects to have completed.</summary>
    public static void Wait(ValueTask pending) => pending.AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Wait(ValueTask)"/>
    public static T Wait<T>(ValueTask<T> pending) => pending.AsTask().GetAwaiter().GetResult();

    /// <summary>Checks at cleanup that the measured benchmark reached exactly one library's handlers.</summary>
    public static void ExpectOneLibraryRan(long[] start)
    {
        var end = Tally.Snapshot();
        var ran = 0;
        for (var i = 0; i < start.Length; i++)
        {
            if (end[i] > start[i])
            {
                ran++;
            }
        }

        if (ran != 1)
        {
            throw new InvalidOperationException($"The benchmark should have reached one library's handlers; {ran} counters moved.");
        }
    }
}
