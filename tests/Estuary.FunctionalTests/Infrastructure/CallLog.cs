using System.Collections.Concurrent;

namespace Estuary.FunctionalTests;

/// <summary>
/// What handlers and interceptors did, in order. Every test host gets its own instance, so tests
/// running in parallel never see each other's entries.
/// </summary>
public sealed class CallLog
{
    private readonly ConcurrentQueue<string> _entries = new();

    public string[] Entries => _entries.ToArray();

    public void Add(string entry) => _entries.Enqueue(entry);
}
