using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.Sagas;

public sealed record RegisterParcel(Guid ParcelId);

public sealed record DispatchParcel(Guid ParcelId);

/// <summary>Announces the version the dispatch was saved at.</summary>
public sealed record ParcelDispatched(Guid ParcelId, long Version);

public sealed record DispatchParcelFromQueue(Guid ParcelId);

/// <summary>An aggregate whose handlers are synchronous: they run in the transaction of their sender.</summary>
[Aggregate(Name = Collection)]
public sealed class Parcel
{
    public const string Collection = "parcels";

    [Identifier]
    public Guid ParcelId { get; set; }

    [AggregateVersion]
    public long Version { get; set; }

    public bool Dispatched { get; set; }

    private readonly List<object> _recorded = [];

    [AggregateEvents]
    public IEnumerable<object> Recorded() => _recorded;

    [CommandHandler]
    public static Parcel Register(RegisterParcel command) => new() { ParcelId = command.ParcelId };

    [CommandHandler]
    public void Dispatch(DispatchParcel command)
    {
        Dispatched = true;

        // Version is the loaded one here; the save stores the next.
        _recorded.Add(new ParcelDispatched(ParcelId, Version + 1));
    }
}

public static class ParcelHandlers
{
    /// <summary>Dispatches through the aggregate inside this delivery's transaction, then may hold it open.</summary>
    [Asynchronous(SagaChannel.Name)]
    [CommandHandler(EndpointId = "sagas.parcels.dispatch")]
    public static async Task DispatchFromQueue(DispatchParcelFromQueue command, ICommandBus commands, SagaProbe probe, CancellationToken cancellationToken)
    {
        await commands.SendAsync(new DispatchParcel(command.ParcelId), cancellationToken);
        if (probe.Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The asynchronous subscriber: what it sees of the parcel when the event reaches it.</summary>
    [Asynchronous(SagaChannel.Name)]
    [EventHandler(EndpointId = "sagas.parcels.track")]
    public static Task Track(ParcelDispatched dispatched, SagaProbe probe) =>
        probe.ObserveAsync("tracked", Parcel.Collection, dispatched.ParcelId, dispatched.Version);
}
