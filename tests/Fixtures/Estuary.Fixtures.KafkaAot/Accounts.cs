using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Estuary.Fixtures.KafkaAot;

public sealed record Deposit(string AccountId, int Sequence);

public sealed record Deposited(string AccountId, int Sequence);

/// <summary>An aggregate reached through a Kafka channel; its first deposit of sequence 3 fails once, to go through a retry topic.</summary>
[Aggregate(Name = "accounts")]
public sealed class Account
{
    private readonly List<object> _recorded = [];

    [Identifier]
    public string AccountId { get; set; } = string.Empty;

    public int Deposits { get; set; }

    [AggregateEvents]
    public IEnumerable<object> RecordedEvents() => _recorded;

    [CommandHandler]
    [Asynchronous(Channels.Commands)]
    public static Account Open(Deposit deposit, Journal journal)
    {
        var account = new Account { AccountId = deposit.AccountId };
        account.Add(deposit, journal);
        return account;
    }

    [CommandHandler]
    [Asynchronous(Channels.Commands)]
    public void Add(Deposit deposit, Journal journal)
    {
        if (deposit.Sequence == 3 && journal.FailOnce(deposit.AccountId))
        {
            throw new InvalidOperationException("The first try of deposit 3 fails, so it is retried from a retry topic.");
        }

        Deposits++;
        _recorded.Add(new Deposited(AccountId, deposit.Sequence));
    }
}

public static class Statements
{
    [EventHandler]
    [Asynchronous(Channels.Events)]
    public static void OnDeposited(Deposited deposited, Journal journal) => journal.Add(deposited.AccountId, deposited.Sequence);
}

public static class Channels
{
    public const string Commands = "account-commands";
    public const string Events = "account-events";
}

/// <summary>The sequence numbers each account's events arrived in.</summary>
public sealed class Journal
{
    private readonly ConcurrentDictionary<string, List<int>> _events = new();
    private readonly ConcurrentDictionary<string, bool> _failed = new();

    public int Count => _events.Values.Sum(list => { lock (list) { return list.Count; } });

    public bool FailOnce(string account) => _failed.TryAdd(account, true);

    public void Add(string account, int sequence)
    {
        var list = _events.GetOrAdd(account, _ => []);
        lock (list)
        {
            list.Add(sequence);
        }
    }

    public IReadOnlyDictionary<string, int[]> Sequences() => _events.ToDictionary(p => p.Key, p => { lock (p.Value) { return p.Value.ToArray(); } });
}

[JsonSerializable(typeof(Deposit))]
[JsonSerializable(typeof(Deposited))]
[JsonSerializable(typeof(Account))]
internal sealed partial class AccountsJson : JsonSerializerContext;
