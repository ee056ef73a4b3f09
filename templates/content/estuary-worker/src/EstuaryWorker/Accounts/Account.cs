using Estuary;

namespace EstuaryWorker.Accounts;

/// <summary>
/// An event-sourced aggregate: an account is the sum of its events, kept in the stream
/// <c>account-{AccountId}</c>. Handlers decide and return new events; the apply methods change the
/// state. The generated endpoints load the stream, call the handler, append the events at the version
/// they loaded (a concurrent change fails the command) and publish them.
/// </summary>
[EventSourcingAggregate]
[Stream("account")]
public sealed class Account
{
    [Identifier]
    public string AccountId { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public decimal Balance { get; set; }

    [CommandHandler]
    public static AccountOpened Open(OpenAccount command) => new(command.AccountId, command.Owner);

    [CommandHandler]
    public MoneyDeposited Deposit(Deposit command) => command.Amount > 0
        ? new MoneyDeposited(AccountId, command.Amount, Balance + command.Amount)
        : throw new ArgumentOutOfRangeException(nameof(command), $"A deposit must be positive, not {command.Amount}.");

    [QueryHandler]
    public decimal Read(GetBalance query) => Balance;

    [EventSourcingHandler]
    public void On(AccountOpened opened) => (AccountId, Owner) = (opened.AccountId, opened.Owner);

    [EventSourcingHandler]
    public void On(MoneyDeposited deposited) => Balance = deposited.Balance;
}
