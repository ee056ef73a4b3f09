using Estuary;
using Estuary.Testing;
using EstuaryWorker.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EstuaryWorker.Tests;

/// <summary>
/// The account's handlers in memory: the test host records every message and runs the "statements"
/// channel only when the test asks, on a fake clock.
/// </summary>
public sealed class AccountTests
{
    [Fact]
    public async Task A_deposit_raises_the_balance_and_notifies_the_owner_from_the_statements_channel()
    {
        var notifier = new RecordingNotifier();
        await using var flow = EstuaryTestHost.Create<WorkerModule>(services: services => services.AddSingleton<INotifier>(notifier));

        await flow.Commands.SendAsync(new OpenAccount("acc-1", "Ada"));
        await flow.Commands.SendAsync(new Deposit("acc-1", 40m));

        Assert.Equal(40m, await flow.Queries.SendAsync(new GetBalance("acc-1")));
        Assert.Equal([new AccountOpened("acc-1", "Ada"), new MoneyDeposited("acc-1", 40m, 40m)], flow.Recorded.Events);
        Assert.Empty(notifier.Sent);                                   // waiting on the channel

        var run = await flow.RunAsync(WorkerChannels.Statements);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(("acc-1", "40.00 deposited, balance 40.00"), Assert.Single(notifier.Sent));
    }

    [Fact]
    public async Task A_deposit_that_is_not_positive_is_refused_and_changes_nothing()
    {
        await using var flow = EstuaryTestHost.Create<WorkerModule>(services: services => services.AddSingleton<INotifier, RecordingNotifier>());
        await flow.Commands.SendAsync(new OpenAccount("acc-2", "Grace"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => flow.Commands.SendAsync(new Deposit("acc-2", -5m)).AsTask());

        Assert.Equal(0m, await flow.Queries.SendAsync(new GetBalance("acc-2")));
        Assert.Empty(flow.Recorded.SentTo(WorkerChannels.Statements));
    }
}
