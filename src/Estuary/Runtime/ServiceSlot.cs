using System.Threading;

namespace Estuary.Runtime;

/// <summary>A process-wide index per service type, so each host caches singletons in an array.</summary>
internal static class ServiceSlot
{
    private static int s_lastId = -1;

    internal static int Next() => Interlocked.Increment(ref s_lastId);
}

/// <summary>The slot of <typeparamref name="T"/>.</summary>
internal static class ServiceSlot<T>
{
    internal static readonly int Id = ServiceSlot.Next();
}
