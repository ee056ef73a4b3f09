using System.Runtime.CompilerServices;

namespace Estuary.Benchmarks.Dispatch;

/// <summary>The rows of a dispatch benchmark; also the index of their counter in <see cref="Tally"/>.</summary>
public enum Library
{
    Direct,
    EstuarySync,
    EstuaryValueTask,
    Mediator,
    MediatR,
    Wolverine,
}

/// <summary>
/// Handler invocations per library. <see cref="Hit"/> is all the work a handler does; <see cref="Probe"/>
/// reads the counters to prove that each library really reached its handler.
/// </summary>
public static class Tally
{
    private static readonly long[] s_counts = new long[6];

    /// <summary>
    /// Never inlined, so that every row pays exactly one real call per handler invocation: the JIT
    /// cannot fold the handler's work away in one library and not in another, and the Direct
    /// baseline is a measurable call rather than zero. Plain increment: benchmarks run on one thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Hit(Library library) => s_counts[(int)library]++;

    public static long[] Snapshot() => (long[])s_counts.Clone();
}
