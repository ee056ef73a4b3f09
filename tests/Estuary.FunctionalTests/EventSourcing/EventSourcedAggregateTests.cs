using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.EventSourcing;

public sealed class EventSourcedAggregateTests
{
    [Fact]
    public async Task Factory_starts_the_stream_with_its_event_under_the_stable_name_and_metadata()
    {
        await using var host = TestHost.Create();
        var id = Guid.NewGuid();

        Guid created = await host.Commands().SendAsync(new OpenTicket(id, "printer on fire"), new MessageHeaders { ["tenant"] = "acme" });

        Assert.Equal(id, created);
        var stream = await Events(host).ReadStreamAsync("tickets-" + id.ToString("D"));
        var opened = Assert.Single(stream);
        Assert.Equal(("ticket.opened", 1, 1L), (opened.Type, opened.Revision, opened.StreamVersion));
        Assert.Equal(id.ToString("D"), opened.Metadata.AggregateId);
        Assert.Equal("ticket", opened.Metadata.AggregateType);
        Assert.Equal(1L, opened.Metadata.AggregateVersion);
        Assert.Equal("acme", opened.Metadata.Headers["tenant"]);
        Assert.NotNull(opened.Metadata.CorrelationId);
        Assert.Contains("printer on fire", Encoding.UTF8.GetString(opened.Data.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_load_the_state_from_the_stream_and_append_their_events_at_the_next_version()
    {
        await using var host = TestHost.Create();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTicket(id, "no coffee"));

        await host.Commands().SendAsync(new AssignTicket(id, "ada", "facilities"));
        await host.Commands().SendAsync(new AssignTicket(id, "grace", "kitchen"));

        Assert.Equal("no coffee v3: grace (kitchen), 2 assignment(s)", await host.Queries().SendAsync(new GetTicket(id)));
        var stream = await Events(host).ReadStreamAsync("tickets-" + id.ToString("D"));
        Assert.Equal([1L, 2L, 3L], stream.Select(e => e.StreamVersion));
        Assert.Equal(["ticket.opened", "ticket.assigned", "ticket.assigned"], stream.Select(e => e.Type));
        Assert.All(stream.Skip(1), e => Assert.Equal(3, e.Revision));
    }

    [Fact]
    public async Task Apply_methods_of_a_base_class_are_replayed_and_a_derived_one_replaces_the_base_for_its_event()
    {
        await using var host = TestHost.Create();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenSavings(id, "ada"));

        await host.Commands().SendAsync(new RenameSavings(id, "ada lovelace"));
        await host.Commands().SendAsync(new PayInterest(id, 2.5m));

        var loaded = await host.GetRequiredService<EventSourcedRepository<SavingsAccount>>().LoadAsync(id.ToString("D"), default);
        var account = loaded!.Aggregate;
        Assert.Equal((id, "ada lovelace", 1, 2.5m, 3L), (account.AccountId, account.Owner, account.Renames, account.Interest, loaded.Version));
    }

    [Fact]
    public async Task A_repository_interface_rebuilds_event_sourced_instances_from_their_streams()
    {
        await using var host = TestHost.Create();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTicket(id, "no coffee"));
        await host.Commands().SendAsync(new AssignTicket(id, "ada", "facilities"));
        var views = host.GetRequiredService<ITicketViews>();

        var ticket = await views.GetAsync(id);

        Assert.Equal(("no coffee", "ada", 2L), (ticket.Title, ticket.Assignee, ticket.Version));
        Assert.Null(await views.FindAsync(Guid.NewGuid()));
        await Assert.ThrowsAsync<AggregateNotFoundException>(async () => await views.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task New_events_are_published_after_they_are_appended()
    {
        await using var host = TestHost.Create();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTicket(id, "window"));

        await host.Commands().SendAsync(new CloseTicket(id));
        await host.Commands().SendAsync(new CloseTicket(id));

        Assert.Equal(["closed: stream at v2"], host.Log());
    }

    [Fact]
    public async Task A_failing_handler_appends_nothing()
    {
        await using var host = TestHost.Create();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTicket(id, "door"));
        await host.Commands().SendAsync(new CloseTicket(id));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.Commands().SendAsync(new AssignTicket(id, "ada", "doors")));

        Assert.Equal(2, (await Events(host).GetStreamAsync("tickets-" + id.ToString("D")))!.Version);
    }

    [Fact]
    public async Task Action_on_a_stream_that_does_not_exist_fails_naming_the_aggregate_type()
    {
        await using var host = TestHost.Create();
        var id = Guid.NewGuid();

        var missing = await Assert.ThrowsAsync<AggregateNotFoundException>(async () => await host.Commands().SendAsync(new CloseTicket(id)));

        Assert.Equal(("ticket", id.ToString("D")), (missing.Aggregate, missing.Id));
    }

    [Fact]
    public async Task Snapshot_and_tail_load_the_same_state_as_a_full_replay()
    {
        await using var host = TestHost.Create();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTicket(id, "lift"));
        foreach (var person in new[] { "ada", "grace", "edsger", "barbara" })
        {
            await host.Commands().SendAsync(new AssignTicket(id, person, "lifts"));
        }

        // Snapshots every 3 events: one was taken at version 3; version 5 is snapshot + 2 events.
        var snapshot = await host.GetRequiredService<IDocumentStore>().FindAsync<Ticket>("snapshots:ticket", id.ToString("D"));
        Assert.Equal(3, snapshot!.Version);
        var repository = host.GetRequiredService<EventSourcedRepository<Ticket>>();
        var loaded = (await repository.LoadAsync(id.ToString("D"), default))!;

        var replayed = repository.Definition.Create();
        foreach (var recorded in await Events(host).ReadStreamAsync("tickets-" + id.ToString("D")))
        {
            repository.Definition.Apply(replayed, host.GetRequiredService<Runtime.EstuaryRuntime>().Events.Deserialize(recorded));
        }

        Assert.Equal(5, loaded.Version);
        Assert.Equal((replayed.Title, replayed.Assignee, replayed.Assignments), (loaded.Aggregate.Title, loaded.Aggregate.Assignee, loaded.Aggregate.Assignments));
        Assert.Equal((4, "barbara"), (loaded.Aggregate.Assignments, loaded.Aggregate.Assignee));
    }

    [Fact]
    public async Task Events_stored_at_older_revisions_are_upcast_step_by_step_when_read()
    {
        await using var host = TestHost.Create();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTicket(id, "old data"));
        var stream = "tickets-" + id.ToString("D");
        await Events(host).AppendAsync(stream, ExpectedVersion.Exactly(1), [Raw("ticket.assigned", 1, $$"""{"TicketId":"{{id}}","Person":"alan"}""")]);
        await Events(host).AppendAsync(stream, ExpectedVersion.Exactly(2), [Raw("ticket.assigned", 2, $$"""{"TicketId":"{{id}}","Assignee":"ada"}""")]);

        Assert.Equal("old data v3: ada (support), 2 assignment(s)", await host.Queries().SendAsync(new GetTicket(id)));
        var upcast = (TicketAssigned)host.GetRequiredService<Runtime.EstuaryRuntime>().Events.Deserialize((await Events(host).ReadStreamAsync(stream))[1]);
        Assert.Equal(new TicketAssigned(id, "alan", "support"), upcast);
    }

    [Fact]
    public async Task An_event_name_no_module_registers_fails_the_load_clearly()
    {
        await using var host = TestHost.Create();
        var id = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTicket(id, "mystery"));
        await Events(host).AppendAsync("tickets-" + id.ToString("D"), ExpectedVersion.Any, [Raw("ticket.haunted", 1, "{}")]);

        var error = await Assert.ThrowsAsync<StoredEventException>(async () => await host.Queries().SendAsync(new GetTicket(id)));

        Assert.Contains("'ticket.haunted'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_style_handlers_answer_while_their_recorded_events_are_stored()
    {
        await using var host = TestHost.Create();

        string created = await host.Commands().SendAsync(new CreateWallet("w-1"));
        decimal first = await host.Commands().SendAsync(new Deposit("w-1", 10m));
        decimal second = await host.Commands().SendAsync(new Deposit("w-1", 5m));

        Assert.Equal(("w-1", 10m, 15m), (created, first, second));
        var stream = await Events(host).ReadStreamAsync("Estuary.FunctionalTests.EventSourcing.Wallet-w-1");
        Assert.Equal(
            ["Estuary.FunctionalTests.EventSourcing.WalletCreated", "Estuary.FunctionalTests.EventSourcing.Deposited", "Estuary.FunctionalTests.EventSourcing.Deposited"],
            stream.Select(e => e.Type));
    }

    private static IEventStore Events(IServiceProvider host) => host.GetRequiredService<IEventStore>();

    private static EventData Raw(string type, int revision, string json) =>
        new(Guid.NewGuid(), type, Encoding.UTF8.GetBytes(json), EventMetadata.Empty, revision);
}

public sealed class EventSourcedSagaTests
{
    [Fact]
    public async Task Saga_history_is_its_state_and_events_for_sagas_that_never_started_are_skipped()
    {
        await using var host = TestHost.Create();
        var events = host.GetRequiredService<IEventBus>();

        await events.PublishAsync(new ParcelScanned("unknown-parcel", "ams"));
        await events.PublishAsync(new ParcelHandedOver("P-1", "postnl"));
        await events.PublishAsync(new ParcelScanned("P-1", "utrecht"));
        await events.PublishAsync(new ParcelScanned("P-1", "amsterdam"));
        await events.PublishAsync(new ParcelDelivered("P-1"));

        var store = host.GetRequiredService<IEventStore>();
        Assert.Null(await store.GetStreamAsync("shipment-unknown-parcel"));
        var history = await store.ReadStreamAsync("shipment-P-1");
        Assert.Equal(["shipment.started", "shipment.progressed", "shipment.progressed", "shipment.completed"], history.Select(e => e.Type));
        var saga = (await host.GetRequiredService<EventSourcedRepository<Shipment>>().LoadAsync("P-1", default))!;
        Assert.Equal(["utrecht", "amsterdam"], saga.Aggregate.Hubs);
        Assert.True(saga.Aggregate.Done);
    }
}
