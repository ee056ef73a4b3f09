using System;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Postgres.Tests.Sagas;

/// <summary>
/// A saga whose handlers consume a real Postgres channel and whose state lives in the Postgres document
/// store: its timeout on a manual clock, its removal when completed, and its state committed in one
/// transaction with the messages its handler sends.
/// </summary>
/// <remarks>Each test has a schema of its own: a delayed message one test leaves behind never falls due in another.</remarks>
public sealed class PostgresSagaTests : IAsyncLifetime
{
    private const string PaymentDue = "sagas.checkout.payment-due";
    private const string Ship = "sagas.checkout.ship";

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(CheckoutProcess.PaymentMinutes);

    private readonly TestDatabase _database = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = new SagaHost(_database);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    private SagaProbe Probe => _host.Probe;

    [Fact]
    public async Task Saga_started_by_an_event_times_out_only_once_the_clock_passes_the_deadline_and_is_removed()
    {
        var id = Guid.NewGuid();
        await _host.Events.PublishAsync(new CheckoutStarted(id, 25m));

        var started = await _host.DrainAsync();

        Assert.Equal(2, started[DeliveryOutcome.Handled]);
        Assert.Equal(1L, await CommittedAsync(id));
        Assert.Equal(CheckoutProcess.AwaitingPayment, await _host.Queries.SendAsync(new GetCheckoutStatus(id)));
        Assert.Equal(1L, await Probe.QueuedAsync(PaymentDue));

        // The command the saga sent was handled after the saga's first version was committed.
        Assert.Equal(1L, Assert.Single(Probe.Observed("payment requested", id)).Committed);

        _host.Clock.Advance(s_timeout - TimeSpan.FromSeconds(1));
        var early = await _host.DrainAsync();

        Assert.Equal(0, early.Received);
        Assert.Equal(1L, await Probe.QueuedAsync(PaymentDue));
        Assert.Equal(1L, await CommittedAsync(id));

        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await _host.DrainAsync();

        Assert.Equal(1, due[DeliveryOutcome.Handled]);
        Assert.Equal(1L, Assert.Single(Probe.Observed("expired", id)).Committed);
        Assert.Equal(0L, await CommittedAsync(id));
        Assert.Equal(0L, await _database.QueuedAsync(SagaChannel.Name));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM {schema}.dead_letter"));
        await Assert.ThrowsAsync<AggregateNotFoundException>(async () => await _host.Queries.SendAsync(new GetCheckoutStatus(id)));
    }

    [Fact]
    public async Task Timeout_of_a_saga_completed_in_time_is_skipped_without_a_dead_letter()
    {
        var id = await StartAsync();
        await _host.Events.PublishAsync(new CheckoutPaid(id, FailAfterSending: false));

        var completed = await _host.DrainAsync();

        Assert.Equal(3, completed[DeliveryOutcome.Handled]);
        Assert.Equal(0L, await CommittedAsync(id));
        Assert.Equal(1L, await Probe.QueuedAsync(PaymentDue));

        _host.Clock.Advance(s_timeout);
        var late = await _host.DrainAsync();

        Assert.Equal(1, late[DeliveryOutcome.Handled]);
        Assert.Empty(Probe.Observed("expired", id));
        Assert.Equal(0L, await CommittedAsync(id));
        Assert.Equal(0L, await _database.QueuedAsync(SagaChannel.Name));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM {schema}.dead_letter"));
    }

    [Fact]
    public async Task Saga_handler_that_sends_a_command_and_then_throws_leaves_neither_its_new_state_nor_the_command()
    {
        var id = await StartAsync();
        await _host.Events.PublishAsync(new CheckoutPaid(id, FailAfterSending: true));

        var run = await _host.DrainAsync();

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(3, Probe.Attempts(id));
        Assert.Equal(1L, await Probe.DeadLetteredAsync("sagas.checkout.paid"));
        Assert.Equal(1L, await CommittedAsync(id));
        Assert.Equal(CheckoutProcess.AwaitingPayment, await _host.Queries.SendAsync(new GetCheckoutStatus(id)));
        Assert.Equal(0L, await Probe.QueuedAsync(Ship));
        Assert.Empty(Probe.Observed("ship requested", id));
    }

    [Fact]
    public async Task Saga_handler_that_succeeds_commits_its_new_state_and_the_command_it_sent_together()
    {
        var id = await StartAsync();
        await _host.Events.PublishAsync(new CheckoutPaid(id, FailAfterSending: false));

        var paid = await _host.DrainAsync(maxMessages: 1);

        Assert.Equal(1, paid[DeliveryOutcome.Handled]);
        Assert.Equal(2L, await CommittedAsync(id));
        Assert.Equal("shipping", await _host.Queries.SendAsync(new GetCheckoutStatus(id)));
        Assert.Equal(1L, await Probe.QueuedAsync(Ship));

        var rest = await _host.DrainAsync();

        Assert.Equal(2, rest[DeliveryOutcome.Handled]);
        Assert.Equal(2L, Assert.Single(Probe.Observed("ship requested", id)).Committed);
        Assert.Equal(0L, await CommittedAsync(id));
    }

    private async Task<Guid> StartAsync()
    {
        var id = Guid.NewGuid();
        await _host.Events.PublishAsync(new CheckoutStarted(id, 25m));
        Assert.Equal(2, (await _host.DrainAsync())[DeliveryOutcome.Handled]);
        return id;
    }

    private Task<long> CommittedAsync(Guid id) => Probe.CommittedVersionAsync(CheckoutProcess.Collection, id);
}
