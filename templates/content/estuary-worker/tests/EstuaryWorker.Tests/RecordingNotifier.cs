using System.Collections.Concurrent;
using EstuaryWorker.Accounts;

namespace EstuaryWorker.Tests;

/// <summary>Keeps the notifications instead of logging them, so tests can check them.</summary>
public sealed class RecordingNotifier : INotifier
{
    public ConcurrentQueue<(string AccountId, string Text)> Sent { get; } = new();

    public void Notify(string accountId, string text) => Sent.Enqueue((accountId, text));
}
