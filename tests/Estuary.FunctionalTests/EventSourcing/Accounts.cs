using System;
using System.Text.Json.Serialization;

namespace Estuary.FunctionalTests.EventSourcing;

public sealed record OpenSavings(Guid AccountId, string Owner);

public sealed record RenameSavings(Guid AccountId, string Owner);

public sealed record PayInterest(Guid AccountId, decimal Amount);

[NamedEvent("account.opened")]
public sealed record AccountOpened(Guid AccountId, string Owner);

[NamedEvent("account.renamed")]
public sealed record AccountRenamed(Guid AccountId, string Owner);

[NamedEvent("account.interest-paid")]
public sealed record InterestPaid(Guid AccountId, decimal Amount);

/// <summary>
/// What every account shares, apply methods included: an event-sourced aggregate inherits them. Its
/// rename is virtual and overridden below, where it is marked again.
/// </summary>
public abstract class Account
{
    [Identifier]
    public Guid AccountId { get; set; }

    public string Owner { get; set; } = string.Empty;

    public int Renames { get; set; }

    [EventSourcingHandler]
    public void On(AccountOpened opened) => (AccountId, Owner) = (opened.AccountId, opened.Owner);

    [EventSourcingHandler]
    public virtual void On(AccountRenamed renamed) => Owner = renamed.Owner;
}

/// <summary>An event-sourced aggregate whose apply methods live partly in its base class.</summary>
[EventSourcingAggregate]
public sealed class SavingsAccount : Account
{
    public decimal Interest { get; set; }

    [CommandHandler]
    public static AccountOpened Open(OpenSavings command) => new(command.AccountId, command.Owner);

    [CommandHandler]
    public AccountRenamed Rename(RenameSavings command) => new(AccountId, command.Owner);

    [CommandHandler]
    public InterestPaid Pay(PayInterest command) => new(AccountId, command.Amount);

    [EventSourcingHandler]
    public override void On(AccountRenamed renamed)
    {
        base.On(renamed);
        Renames++;
    }

    [EventSourcingHandler]
    public void On(InterestPaid paid) => Interest += paid.Amount;
}

[JsonSerializable(typeof(AccountOpened))]
[JsonSerializable(typeof(AccountRenamed))]
[JsonSerializable(typeof(InterestPaid))]
internal sealed partial class AccountJson : JsonSerializerContext;
