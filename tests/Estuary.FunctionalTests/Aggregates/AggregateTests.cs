using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Aggregates;

public sealed class AggregateTests
{
    [Fact]
    public async Task Factory_creates_and_stores_the_aggregate_and_the_send_returns_its_identifier()
    {
        await using var host = AsyncTestHostFactory();
        var id = Guid.NewGuid();

        Guid created = await host.Commands().SendAsync(new OpenTab(id, "table 4"));

        Assert.Equal(id, created);
        var stored = await host.GetRequiredService<IDocumentStore>().FindVersionedAsync<Tab>("tabs", id.ToString("D"));
        Assert.Equal("table 4", stored!.Document.Table);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Action_loads_the_instance_its_command_names_calls_it_and_saves_the_new_state()
    {
        await using var host = AsyncTestHostFactory();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTab(id, "table 7"));

        int first = await host.Commands().SendAsync(new OrderDrink(id, "tea"));
        int second = await host.Commands().SendAsync(new OrderDrink(id, "coffee"));
        await host.Commands().SendAsync(new CloseTab(id, 2.5m));

        Assert.Equal((1, 2), (first, second));
        Assert.Equal(["table 7: tea", "table 7: coffee"], host.Log().Where(entry => entry.StartsWith("table", StringComparison.Ordinal)));
        var stored = await host.GetRequiredService<IDocumentStore>().FindVersionedAsync<Tab>("tabs", id.ToString("D"));
        Assert.Equal(["tea", "coffee"], stored!.Document.Drinks);
        Assert.True(stored.Document.Closed);
        Assert.Equal(2.5m, stored.Document.Tip);
        Assert.Equal(4, stored.Version);
    }

    [Fact]
    public async Task Recorded_events_are_published_after_the_save_so_subscribers_see_the_stored_state()
    {
        await using var host = AsyncTestHostFactory();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTab(id, "table 5"));

        await host.Commands().SendAsync(new OrderDrink(id, "tea"));
        await host.Commands().SendAsync(new OrderDrink(id, "juice"));

        Assert.Equal(
            ["table 5: tea", "prepare tea: stored v2 with 1 drink(s)", "table 5: juice", "prepare juice: stored v3 with 2 drink(s)"],
            host.Log());
    }

    [Fact]
    public async Task Query_asks_the_loaded_instance_and_event_handlers_change_and_save_it()
    {
        await using var host = AsyncTestHostFactory();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTab(id, "table 8"));
        await host.Commands().SendAsync(new OrderDrink(id, "tea"));

        int drinks = await host.Queries().SendAsync(new GetTabDrinks(id));
        await host.Events().PublishAsync(new BillPaid(id, 4.5m));
        await host.Events().PublishAsync(new BillPaid(id, 1m));

        Assert.Equal(1, drinks);
        var stored = await host.GetRequiredService<IDocumentStore>().FindVersionedAsync<Tab>("tabs", id.ToString("D"));
        Assert.Equal(5.5m, stored!.Document.Paid);
        Assert.Equal(4, stored.Version);
    }

    [Fact]
    public async Task Event_for_an_instance_that_does_not_exist_is_dropped_when_the_handler_says_so()
    {
        await using var host = AsyncTestHostFactory();
        var id = Guid.NewGuid();

        await host.Events().PublishAsync(new HappyHourStarted(Guid.NewGuid()));
        await Assert.ThrowsAsync<AggregateNotFoundException>(() => host.Events().PublishAsync(new BillPaid(Guid.NewGuid(), 1m)).AsTask());

        await host.Commands().SendAsync(new OpenTab(id, "table 3"));
        await host.Events().PublishAsync(new HappyHourStarted(id));
        var stored = await host.GetRequiredService<IDocumentStore>().FindVersionedAsync<Tab>("tabs", id.ToString("D"));
        Assert.True(stored!.Document.HappyHour);
    }

    [Fact]
    public async Task A_failing_action_publishes_nothing()
    {
        await using var host = AsyncTestHostFactory();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTab(id, "table 6"));
        await host.Commands().SendAsync(new CloseTab(id, 0m));

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Commands().SendAsync(new OrderDrink(id, "late")).AsTask());

        Assert.DoesNotContain(host.Log(), entry => entry.StartsWith("prepare", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Action_on_an_instance_that_does_not_exist_fails_naming_the_aggregate_and_identifier()
    {
        await using var host = AsyncTestHostFactory();
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<AggregateNotFoundException>(() => host.Commands().SendAsync(new OrderDrink(id, "tea")).AsTask());

        Assert.Equal("tabs", error.Aggregate);
        Assert.Equal(id.ToString("D"), error.Id);
    }

    [Fact]
    public async Task A_failing_action_leaves_the_stored_state_unchanged()
    {
        await using var host = AsyncTestHostFactory();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTab(id, "table 1"));
        await host.Commands().SendAsync(new CloseTab(id, 0m));

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Commands().SendAsync(new OrderDrink(id, "late")).AsTask());

        var stored = await host.GetRequiredService<IDocumentStore>().FindVersionedAsync<Tab>("tabs", id.ToString("D"));
        Assert.Empty(stored!.Document.Drinks);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Creating_the_same_instance_twice_is_a_concurrency_conflict()
    {
        await using var host = AsyncTestHostFactory();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTab(id, "table 2"));

        await Assert.ThrowsAsync<ConcurrencyException>(() => host.Commands().SendAsync(new OpenTab(id, "table 3")).AsTask());
    }

    [Fact]
    public async Task Handler_without_a_message_reads_its_instance_from_the_aggregate_id_header()
    {
        await using var host = AsyncTestHostFactory();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTab(id, "table 9"));
        await host.Commands().SendAsync(new CloseTab(id, 0m));

        await host.Commands().SendWithRoutingAsync("tab.reopen", null, new MessageHeaders { [Runtime.AggregateRuntime.IdentifierHeader] = id });

        var stored = await host.GetRequiredService<IDocumentStore>().FindVersionedAsync<Tab>("tabs", id.ToString("D"));
        Assert.False(stored!.Document.Closed);
    }

    private static ServiceProvider AsyncTestHostFactory() => Asynchronous.AsyncTestHost.Create();
}
