using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

[assembly: Estuary.EstuaryModule("KafkaTests")]

namespace Estuary.Kafka.Tests.Ordering;

/// <summary>A posting to a ledger; each ledger's postings are numbered in the order they are sent.</summary>
public sealed record Post(string LedgerId, int Sequence);

/// <summary>What a ledger records for each posting.</summary>
public sealed record Posted(string LedgerId, int Sequence);

/// <summary>
/// A state-stored aggregate whose commands arrive through a Kafka channel: the generator keys them by
/// <see cref="LedgerId"/>, and the events the ledger records carry the same key.
/// </summary>
[Aggregate(Name = "ledgers")]
public sealed class Ledger
{
    private readonly List<object> _recorded = [];

    [Identifier]
    public string LedgerId { get; set; } = string.Empty;

    public int Postings { get; set; }

    [AggregateEvents]
    public IEnumerable<object> RecordedEvents() => _recorded;

    // The first posting opens the ledger, the others load it: one endpoint.
    [CommandHandler]
    [Asynchronous(LedgerChannels.Commands)]
    public static async Task<Ledger> Open(Post command, PostingLog log)
    {
        var ledger = new Ledger { LedgerId = command.LedgerId };
        await ledger.Book(command, log);
        return ledger;
    }

    [CommandHandler]
    [Asynchronous(LedgerChannels.Commands)]
    public async Task Book(Post command, PostingLog log)
    {
        await log.HandleAsync("command", command.LedgerId, command.Sequence);
        Postings++;
        _recorded.Add(new Posted(command.LedgerId, command.Sequence));
    }
}

/// <summary>Reads the ledgers' events from another Kafka channel.</summary>
public static class PostedSubscriber
{
    [EventHandler]
    [Asynchronous(LedgerChannels.Events)]
    public static Task OnPosted(Posted posted, PostingLog log) => log.HandleAsync("event", posted.LedgerId, posted.Sequence);
}

public static class LedgerChannels
{
    public const string Commands = "ledger-commands";
    public const string Events = "ledger-events";
}

/// <summary>
/// What the handlers saw, shared by every host of a test: per kind and ledger, the sequence numbers in
/// the order they were handled, and how many handlers ran at once (overall, and per ledger).
/// </summary>
public sealed class PostingLog
{
    private readonly ConcurrentDictionary<string, List<int>> _handled = new();
    private readonly ConcurrentDictionary<string, int> _running = new();
    private int _runningOverall;

    /// <summary>How long each handler takes, so parallel handling shows.</summary>
    public int HandlerMilliseconds { get; set; }

    public int MostAtOnce { get; private set; }

    public int MostAtOnceForOneLedger { get; private set; }

    public int Count(string kind) => _handled.Where(p => p.Key.StartsWith(kind + ":", System.StringComparison.Ordinal)).Sum(p => Sequences(p.Value).Length);

    /// <summary>The sequence numbers handled for one ledger, in order, each at its first handling.</summary>
    public int[] Handled(string kind, string ledger) =>
        _handled.TryGetValue(kind + ":" + ledger, out var list) ? Sequences(list) : [];

    public async Task HandleAsync(string kind, string ledger, int sequence)
    {
        var key = kind + ":" + ledger;
        var forLedger = _running.AddOrUpdate(key, 1, (_, n) => n + 1);
        var overall = Interlocked.Increment(ref _runningOverall);
        lock (_handled)
        {
            MostAtOnce = System.Math.Max(MostAtOnce, overall);
            MostAtOnceForOneLedger = System.Math.Max(MostAtOnceForOneLedger, forLedger);
        }

        if (HandlerMilliseconds > 0)
        {
            await Task.Delay(HandlerMilliseconds);
        }

        var list = _handled.GetOrAdd(key, _ => []);
        lock (list)
        {
            list.Add(sequence);
        }

        Interlocked.Decrement(ref _runningOverall);
        _running.AddOrUpdate(key, 0, (_, n) => n - 1);
    }

    private static int[] Sequences(List<int> list)
    {
        lock (list)
        {
            // Writers add under the same lock (see HandleAsync).
            // A redelivered posting (its partition moved between members before its offset was committed) counts at its first handling.
            return [.. list.Distinct()];
        }
    }
}

[JsonSerializable(typeof(Post))]
[JsonSerializable(typeof(Posted))]
[JsonSerializable(typeof(Ledger))]
internal sealed partial class LedgerJson : JsonSerializerContext;
