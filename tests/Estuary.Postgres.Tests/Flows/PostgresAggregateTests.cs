using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.Flows;

/// <summary>Aggregates stored in PostgreSQL: concurrent commands on one instance, and the unit of work.</summary>
public sealed class PostgresAggregateTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private ServiceProvider _host = null!;

    public Task InitializeAsync()
    {
        _host = FlowsHost.Create(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Concurrent_commands_on_one_instance_win_once_per_version_and_retries_converge()
    {
        var commands = _host.GetRequiredService<ICommandBus>();
        var id = "c-" + Guid.NewGuid().ToString("N");
        await commands.SendAsync(new StartCounter(id));

        // Eight senders, each command in a transaction of its own, all loading the same version.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await _host.GetRequiredService<PostgresUnitOfWork>().RunAsync(token => commands.SendAsync(new Increment(id), token).AsTask());
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        })));

        var wins = outcomes.Count(won => won);
        Assert.InRange(wins, 1, 7);
        var stored = await _host.GetRequiredService<IDocumentStore>().FindVersionedAsync<Counter>("counters", id);
        Assert.Equal(wins, stored!.Document.Value);
        Assert.Equal(1 + wins, stored.Version);

        // Each loser sends again until it applies to the current state: nothing is lost, nothing counted twice.
        foreach (var _ in outcomes.Where(won => !won))
        {
            while (true)
            {
                try
                {
                    await _host.GetRequiredService<PostgresUnitOfWork>().RunAsync(token => commands.SendAsync(new Increment(id), token).AsTask());
                    break;
                }
                catch (ConcurrencyException)
                {
                }
            }
        }

        stored = await _host.GetRequiredService<IDocumentStore>().FindVersionedAsync<Counter>("counters", id);
        Assert.Equal(8, stored!.Document.Value);
        Assert.Equal(9, stored.Version);
    }

    [Fact]
    public async Task An_aggregate_change_inside_a_rolled_back_unit_of_work_is_not_stored()
    {
        var commands = _host.GetRequiredService<ICommandBus>();
        var id = "c-" + Guid.NewGuid().ToString("N");
        await commands.SendAsync(new StartCounter(id));

        await Assert.ThrowsAsync<TimeoutException>(() => _host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
        {
            await commands.SendAsync(new Increment(id), token);
            throw new TimeoutException("payment provider did not answer");
        }));

        var stored = await _host.GetRequiredService<IDocumentStore>().FindVersionedAsync<Counter>("counters", id);
        Assert.Equal(0, stored!.Document.Value);
        Assert.Equal(1, stored.Version);
    }
}
