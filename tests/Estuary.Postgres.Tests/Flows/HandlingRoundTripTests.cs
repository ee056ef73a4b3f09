using System.Threading.Tasks;
using Estuary.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.Flows;

/// <summary>
/// How many times a consumer waits for the server per handled message, counted on the wire: the claim
/// (with BEGIN, the attempt's savepoint and the deduplication mark), each statement of the handler,
/// the commit.
/// </summary>
public sealed class HandlingRoundTripTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync() =>
        await database.ScalarAsync<int>("CREATE TABLE IF NOT EXISTS {schema}.flow_effects (kind text NOT NULL, account text NOT NULL); SELECT 1");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_message_whose_handler_runs_one_statement_takes_three_round_trips()
    {
        await using var relay = RoundTripProxy.Start(TestDatabase.ConnectionString);
        await using var host = FlowsHost.Create(database, relay.ConnectionString);
        var consumers = host.GetRequiredService<EstuaryConsumers>();
        var commands = host.GetRequiredService<ICommandBus>();

        // The first message opens what later ones reuse: the schema check, pooled connections, the listener.
        await commands.SendAsync(new AuditAccount("warm-up"));
        await consumers.RunAsync(AccountHandlers.Channel, new ConsumerLimits { MaxMessages = 1 });
        await WaitUntilListeningAsync();
        await commands.SendAsync(new AuditAccount("counted"));
        relay.Reset();

        var run = await consumers.RunAsync(AccountHandlers.Channel, new ConsumerLimits { MaxMessages = 1 });

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.flow_effects WHERE kind = 'audited' AND account = 'counted'"));
        Assert.Equal(3, relay.RoundTrips);
    }

    // The notification listener starts in the background at the first receive: its connection and
    // LISTEN must not fall into the counted window.
    private async Task WaitUntilListeningAsync()
    {
        var deadline = System.DateTime.UtcNow.AddSeconds(10);
        while (await database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN \"{database.Schema}_queue\"'") == 0)
        {
            if (System.DateTime.UtcNow > deadline)
            {
                throw new System.TimeoutException("The queue listener did not start.");
            }

            await Task.Delay(20);
        }
    }
}
