using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Estuary.FunctionalTests.EventSourcing;

public sealed record CreateWallet(string WalletId);

public sealed record Deposit(string WalletId, decimal Amount);

public sealed record WalletCreated(string WalletId);

public sealed record Deposited(string WalletId, decimal Amount);

/// <summary>A recording-style event-sourced aggregate: handlers record events and answer; apply methods change the state.</summary>
[EventSourcingAggregate]
public sealed class Wallet
{
    private readonly List<object> _recorded = [];

    [Identifier]
    public string WalletId { get; set; } = string.Empty;

    public decimal Balance { get; set; }

    [AggregateEvents]
    public IEnumerable<object> Recorded() => _recorded;

    [CommandHandler]
    public static Wallet Create(CreateWallet command)
    {
        var wallet = new Wallet();
        wallet._recorded.Add(new WalletCreated(command.WalletId));
        return wallet;
    }

    [CommandHandler]
    public decimal Deposit(Deposit command)
    {
        _recorded.Add(new Deposited(WalletId, command.Amount));
        return Balance + command.Amount;
    }

    [EventSourcingHandler]
    public void OnCreated(WalletCreated created) => WalletId = created.WalletId;

    [EventSourcingHandler]
    public void OnDeposited(Deposited deposited) => Balance += deposited.Amount;
}

[JsonSerializable(typeof(WalletCreated))]
[JsonSerializable(typeof(Deposited))]
internal sealed partial class WalletJson : JsonSerializerContext;
