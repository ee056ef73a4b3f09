using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Fixtures.Aggregates;

// Optimistic locking and units of work: no lost update, nothing kept from work that failed.
public abstract partial class AggregateBehaviourContract
{
    [Fact]
    public async Task Two_commands_loaded_at_the_same_version_one_wins_the_other_conflicts_and_its_retry_converges()
    {
        var id = await Commands.SendAsync(new OpenTicket(Guid.NewGuid(), "Estimate me"));
        Services.GetRequiredService<TicketGate>().HoldNext(2);

        // Both estimates load version 1, then wait for each other before either saves.
        var outcomes = await Task.WhenAll(new[] { 3, 5 }.Select(points => Task.Run(async () =>
        {
            try
            {
                await Commands.SendAsync(new EstimateTicket(id, points));
                return (Points: points, Conflict: (ConcurrencyException?)null);
            }
            catch (ConcurrencyException conflict)
            {
                return (Points: points, Conflict: conflict);
            }
        })));

        var lost = Assert.Single(outcomes, outcome => outcome.Conflict is not null);
        Assert.Equal((1L, 2L), (lost.Conflict!.ExpectedVersion, lost.Conflict.ActualVersion));
        var afterRace = await StoredAsync(id);
        Assert.Equal(outcomes.Single(outcome => outcome.Conflict is null).Points, afterRace.Document.Points);
        Assert.Equal(2L, afterRace.Version);

        // Sent again, the losing command applies to the winner's state: nothing lost, nothing twice.
        Assert.Equal(8, await Commands.SendAsync(new EstimateTicket(id, lost.Points)));
        var stored = await StoredAsync(id);
        Assert.Equal(8, stored.Document.Points);
        Assert.Equal(2, stored.Document.Changes);
        Assert.Equal(3L, stored.Version);
    }

    [Fact]
    public async Task Changes_in_a_unit_of_work_that_rolls_back_are_not_stored()
    {
        var existing = await Commands.SendAsync(new OpenTicket(Guid.NewGuid(), "Existing"));
        var created = Guid.NewGuid();

        await Assert.ThrowsAsync<AttemptFailed>(() => RunInUnitOfWorkAsync(async token =>
        {
            await Commands.SendAsync(new AssignTicket(existing, "ada"), token);
            await Commands.SendAsync(new OpenTicket(created, "Created"), token);
            throw new AttemptFailed();
        }));

        var stored = await StoredAsync(existing);
        Assert.Null(stored.Document.Assignee);
        Assert.Equal(1L, stored.Version);
        Assert.Null(await Tickets.FindAsync(created.ToString("D"), default));

        // The rolled-back save left no trace of its version: the next action saves against version 1.
        Assert.Equal(1, await Commands.SendAsync(new AssignTicket(existing, "grace")));
        Assert.Equal(2L, (await StoredAsync(existing)).Version);
    }

    [Fact]
    public async Task Changes_in_a_unit_of_work_that_commits_are_stored_and_its_handlers_see_them()
    {
        var id = Guid.NewGuid();
        var changes = 0;

        await RunInUnitOfWorkAsync(async token =>
        {
            await Commands.SendAsync(new OpenTicket(id, "In one go"), token);
            changes = await Commands.SendAsync(new AssignTicket(id, "ada"), token);
        });

        Assert.Equal(1, changes);
        var stored = await StoredAsync(id);
        Assert.Equal("ada", stored.Document.Assignee);
        Assert.Equal(2L, stored.Version);
        Assert.Equal(["opened 'In one go': stored v1", "assigned ada: stored v2"], Log.For(id));
    }
}
