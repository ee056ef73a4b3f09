using System;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Aggregates;

// Create, act, query: the generated load-invoke-save endpoints over the repository.
public abstract partial class AggregateBehaviourContract
{
    [Fact]
    public async Task Create_returns_the_identifier_and_stores_the_instance_at_version_1()
    {
        var id = Guid.NewGuid();

        Guid created = await Commands.SendAsync(new OpenTicket(id, "Printer on fire"));

        Assert.Equal(id, created);
        var stored = await StoredAsync(id);
        Assert.Equal(id, stored.Document.TicketId);
        Assert.Equal("Printer on fire", stored.Document.Title);
        Assert.Equal(1L, stored.Version);
    }

    [Fact]
    public async Task Action_loads_the_instance_calls_it_and_saves_it_at_the_next_version()
    {
        var id = await Commands.SendAsync(new OpenTicket(Guid.NewGuid(), "Login fails"));

        var first = await Commands.SendAsync(new AssignTicket(id, "ada"));
        var second = await Commands.SendAsync(new AssignTicket(id, "grace"));
        await Commands.SendAsync(new CloseTicket(id, "fixed"));

        Assert.Equal((1, 2), (first, second));
        var stored = await StoredAsync(id);
        Assert.Equal("grace", stored.Document.Assignee);
        Assert.Equal("fixed", stored.Document.Resolution);
        Assert.True(stored.Document.Closed);
        Assert.Equal(3, stored.Document.Changes);
        Assert.Equal(4L, stored.Version);
    }

    [Fact]
    public async Task Query_answers_from_the_stored_instance_and_saves_nothing()
    {
        var id = await Commands.SendAsync(new OpenTicket(Guid.NewGuid(), "Slow search"));
        await Commands.SendAsync(new AssignTicket(id, "ada"));

        TicketView first = await Queries.SendAsync(new GetTicket(id));
        TicketView second = await Queries.SendAsync(new GetTicket(id));

        Assert.Equal(new TicketView("Slow search", "ada", 0, false), first);
        Assert.Equal(first, second);
        Assert.Equal(2L, (await StoredAsync(id)).Version);
    }

    [Fact]
    public async Task Action_on_an_instance_that_does_not_exist_fails_naming_it_and_stores_nothing()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<AggregateNotFoundException>(() => Commands.SendAsync(new AssignTicket(id, "ada")).AsTask());

        Assert.Equal("tickets", error.Aggregate);
        Assert.Equal(id.ToString("D"), error.Id);
        Assert.Null(await Tickets.FindAsync(id.ToString("D"), default));
        await Assert.ThrowsAsync<AggregateNotFoundException>(() => Queries.SendAsync(new GetTicket(id)).AsTask());
    }

    [Fact]
    public async Task Creating_an_identifier_that_exists_is_a_concurrency_conflict_that_keeps_the_first_instance()
    {
        var id = await Commands.SendAsync(new OpenTicket(Guid.NewGuid(), "first"));

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => Commands.SendAsync(new OpenTicket(id, "second")).AsTask());

        Assert.Equal((0L, 1L), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(id.ToString("D"), conflict.Id);
        var stored = await StoredAsync(id);
        Assert.Equal("first", stored.Document.Title);
        Assert.Equal(1L, stored.Version);
    }

    [Fact]
    public async Task Handler_that_throws_stores_nothing_and_publishes_nothing()
    {
        var id = await Commands.SendAsync(new OpenTicket(Guid.NewGuid(), "Broken link"));
        await Commands.SendAsync(new CloseTicket(id, "duplicate"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Commands.SendAsync(new AssignTicket(id, "ada")).AsTask());

        var stored = await StoredAsync(id);
        Assert.Null(stored.Document.Assignee);
        Assert.Equal(1, stored.Document.Changes);
        Assert.Equal(2L, stored.Version);
        Assert.Equal(["opened 'Broken link': stored v1"], Log.For(id));
    }

    [Fact]
    public async Task Recorded_events_are_published_after_the_save_so_subscribers_read_the_stored_state()
    {
        var id = await Commands.SendAsync(new OpenTicket(Guid.NewGuid(), "Typo"));

        await Commands.SendAsync(new AssignTicket(id, "ada"));
        await Commands.SendAsync(new AssignTicket(id, "grace"));

        Assert.Equal(["opened 'Typo': stored v1", "assigned ada: stored v2", "assigned grace: stored v3"], Log.For(id));
    }
}
