using Estuary;

namespace EstuaryWorker.Accounts;

public sealed record OpenAccount(string AccountId, string Owner);

public sealed record Deposit(string AccountId, decimal Amount);

public sealed record GetBalance(string AccountId);

// Stored events keep these names whatever the classes are called later.
[NamedEvent("account.opened")]
public sealed record AccountOpened(string AccountId, string Owner);

[NamedEvent("account.deposited")]
public sealed record MoneyDeposited(string AccountId, decimal Amount, decimal Balance);
