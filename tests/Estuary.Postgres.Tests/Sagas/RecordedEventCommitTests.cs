using System;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Postgres.Tests.Sagas;

/// <summary>
/// An asynchronous subscriber on a Postgres channel never gets an aggregate's or saga's recorded event
/// before the state change that recorded it is committed. While the recording transaction is open,
/// the tests look from another connection: if the event were sent before the commit, its queue row
/// would be visible there (and a consumer with a free slot could take it).
/// </summary>
public sealed class RecordedEventCommitTests : IAsyncLifetime
{
    private const string Track = "sagas.parcels.track";

    private readonly TestDatabase _database = new();
    private SagaHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = new SagaHost(_database);
    }

    public async Task DisposeAsync()
    {
        // A failed assertion must not leave a handler waiting at the gate with its transaction open.
        Probe.Gate?.Release();
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    private SagaProbe Probe => _host.Probe;

    [Fact]
    public async Task Event_recorded_in_a_unit_of_work_reaches_its_subscriber_only_after_the_state_is_committed()
    {
        var id = await RegisterParcelAsync();
        (long Committed, long Queued) inside = default;

        await _host.Postgres.RunAsync(async token =>
        {
            await _host.Commands.SendAsync(new DispatchParcel(id), token);
            inside = (await ParcelVersionAsync(id), await Probe.QueuedAsync(Track));
        });

        Assert.Equal((1L, 0L), inside);
        Assert.Equal(2L, await ParcelVersionAsync(id));
        Assert.Equal(1L, await Probe.QueuedAsync(Track));

        Assert.Equal(1, (await _host.DrainAsync())[DeliveryOutcome.Handled]);
        Assert.Equal(new Observation("tracked", id, Committed: 2, Announced: 2), Assert.Single(Probe.Observed("tracked", id)));
    }

    [Fact]
    public async Task Consumer_with_a_free_slot_cannot_take_the_event_while_the_handler_that_recorded_it_is_still_open()
    {
        var id = await RegisterParcelAsync();
        var gate = Probe.Gate = new TransactionGate();
        await _host.Commands.SendAsync(new DispatchParcelFromQueue(id));

        // Two handlers at once: while the first holds its transaction open, the second is free.
        var consumer = _host.Consumers.RunAsync(SagaChannel.Name, new ConsumerLimits
        {
            MaxMessages = 2,
            Concurrency = 2,
            MaxDuration = TimeSpan.FromSeconds(30),
        });
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(15));

        // Saved and published inside the held transaction: outside, neither exists yet.
        Assert.Equal(1L, await ParcelVersionAsync(id));
        Assert.Equal(0L, await Probe.QueuedAsync(Track));
        Assert.Empty(Probe.Observed("tracked", id));

        gate.Release();
        var run = await consumer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, run[DeliveryOutcome.Handled]);
        Assert.Equal(new Observation("tracked", id, Committed: 2, Announced: 2), Assert.Single(Probe.Observed("tracked", id)));
    }

    [Fact]
    public async Task Saga_event_recorded_in_a_unit_of_work_reaches_its_subscriber_only_after_the_saga_is_committed()
    {
        var id = Guid.NewGuid();
        await _host.Events.PublishAsync(new CheckoutStarted(id, 10m));
        await _host.DrainAsync();
        (long Committed, long Queued) inside = default;

        // The saga's synchronous handler runs in this transaction, and records an event.
        await _host.Postgres.RunAsync(async token =>
        {
            await _host.Events.PublishAsync(new CheckoutNoted(id, "gift wrap"), token);
            inside = (await Probe.CommittedVersionAsync(CheckoutProcess.Collection, id), await Probe.QueuedAsync("sagas.checkout.note-audit"));
        });

        Assert.Equal((1L, 0L), inside);
        Assert.Equal(1, (await _host.DrainAsync())[DeliveryOutcome.Handled]);
        Assert.Equal(new Observation("note audited", id, Committed: 2, Announced: 2), Assert.Single(Probe.Observed("note audited", id)));
    }

    private async Task<Guid> RegisterParcelAsync()
    {
        var id = Guid.NewGuid();
        await _host.Commands.SendAsync(new RegisterParcel(id));
        Assert.Equal(1L, await ParcelVersionAsync(id));
        return id;
    }

    private Task<long> ParcelVersionAsync(Guid id) => Probe.CommittedVersionAsync(Parcel.Collection, id);
}
