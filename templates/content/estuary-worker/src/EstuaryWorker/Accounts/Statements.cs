using Estuary;

namespace EstuaryWorker.Accounts;

/// <summary>Tells the account's owner about each deposit (here: a log line).</summary>
public interface INotifier
{
    void Notify(string accountId, string text);
}

public sealed class LogNotifier(ILogger<LogNotifier> logger) : INotifier
{
    public void Notify(string accountId, string text) => logger.LogInformation("Notified {Account}: {Text}", accountId, text);
}

/// <summary>
/// An asynchronous event handler: each <see cref="MoneyDeposited"/> is stored in the "statements"
/// PostgreSQL channel in the same transaction as the event itself, and handled by that channel's
/// consumer, which runs in the background of the host, with retries and the dead letter.
/// </summary>
public sealed class Statements(INotifier notifier)
{
    [Asynchronous(WorkerChannels.Statements)]
    [EventHandler(EndpointId = "statements.deposit")]
    [Retry(Instant = 1, Delayed = 3, InitialDelayMilliseconds = 1000)]
    public void OnDeposit(MoneyDeposited deposited) =>
        notifier.Notify(deposited.AccountId, $"{deposited.Amount:0.00} deposited, balance {deposited.Balance:0.00}");
}
