using Estuary;
using Estuary.Postgres;
using EstuaryWorker.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EstuaryWorker.Tests;

/// <summary>
/// The worker as it runs, on a real PostgreSQL: the connection string is ConnectionStrings__Accounts
/// (the worker's own setting) or the local default, and the tables live in a schema of their own.
/// </summary>
public sealed class PostgresAccountTests
{
    private static readonly string ConnectionString =
        Environment.GetEnvironmentVariable("ConnectionStrings__Accounts")
        ?? "Host=localhost;Port=5432;Username=postgres;Password=postgres;Database=postgres";

    [Fact]
    public async Task A_deposit_commits_its_events_and_its_statement_message_together_and_the_consumer_handles_it()
    {
        var notifier = new RecordingNotifier();
        var services = new ServiceCollection().AddLogging().AddWorker(ConnectionString, schema: "worker_tests");
        services.AddSingleton<INotifier>(notifier);
        await using var provider = services.BuildServiceProvider();
        var commands = provider.GetRequiredService<ICommandBus>();
        var accountId = $"acc-{Guid.NewGuid():N}";

        await provider.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
        {
            await commands.SendAsync(new OpenAccount(accountId, "Ada"), token);
            await commands.SendAsync(new Deposit(accountId, 25m), token);
        });

        var history = await provider.GetRequiredService<IEventStore>().ReadStreamAsync($"account-{accountId}");
        Assert.Equal(["account.opened", "account.deposited"], history.Select(e => e.Type));
        Assert.Equal(25m, await provider.GetRequiredService<IQueryBus>().SendAsync(new GetBalance(accountId)));

        // The consumer the host runs in the background, run here until the channel is empty.
        await provider.GetRequiredService<EstuaryConsumers>().RunAsync(WorkerChannels.Statements, new ConsumerLimits { StopWhenEmpty = true });
        Assert.Contains((accountId, "25.00 deposited, balance 25.00"), notifier.Sent);
    }
}
