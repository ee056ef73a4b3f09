using System;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;

namespace Estuary.FunctionalTests.Projections;

public sealed record ShipParcel(Guid ParcelId, string Destination);

[NamedEvent("parcel.shipped")]
public sealed record ParcelShipped(Guid ParcelId, string Destination);

public sealed record ParcelRoute(string Destination);

/// <summary>An event-sourced aggregate read only by the triggered projection below.</summary>
[EventSourcingAggregate]
[Stream("parcels")]
public sealed class Parcel
{
    [Identifier]
    public Guid ParcelId { get; set; }

    [CommandHandler]
    public static ParcelShipped Ship(ShipParcel command) => new(command.ParcelId, command.Destination);

    [EventSourcingHandler]
    public void On(ParcelShipped shipped) => ParcelId = shipped.ParcelId;
}

/// <summary>Where each parcel went, kept by a projection that runs on the projections channel's consumers.</summary>
[Projection("parcel_destinations", BatchSize = 2)]
[FromAggregateStream(typeof(Parcel))]
[Asynchronous(AsyncChannels.Projections)]
[Retry(Instant = 1, Delayed = 0)]
public static class ParcelDestinations
{
    public const string Collection = "parcel-destinations";

    [EventHandler]
    public static async Task On(ParcelShipped shipped, IDocumentStore documents, BoardBug bug)
    {
        if (bug.FailsOn == shipped.Destination)
        {
            throw new InvalidOperationException($"No route to '{shipped.Destination}' yet.");
        }

        await documents.UpsertAsync(Collection, shipped.ParcelId.ToString("D"), new ParcelRoute(shipped.Destination));
    }
}

/// <summary>How many events of a kind a projection saw.</summary>
public sealed record EventTally(int Count);

/// <summary>
/// Tallies the events of the parcel streams as stored (never deserialized, whatever their name) and,
/// by name pattern without a message, those named <c>parcel.*</c>.
/// </summary>
[Projection("parcel_event_names")]
[FromAggregateStream(typeof(Parcel))]
public static class ParcelEventNames
{
    public const string Collection = "parcel-event-names";

    [EventHandler]
    public static ValueTask On(RecordedEvent recorded, IDocumentStore documents) => TallyAsync(documents, "stored " + recorded.Type);

    [EventHandler("parcel.*")]
    public static ValueTask OnParcelEvent(MessageContext context, IDocumentStore documents) => TallyAsync(documents, "parcel.*");

    private static async ValueTask TallyAsync(IDocumentStore documents, string key)
    {
        var tally = await documents.FindAsync<EventTally>(Collection, key);
        await documents.UpsertAsync(Collection, key, new EventTally((tally?.Count ?? 0) + 1));
    }
}

/// <summary>Parcels per destination, written in the unit of work of each parcel's append.</summary>
[Projection("parcel_tally", Synchronous = true)]
[FromAggregateStream(typeof(Parcel))]
public static class ParcelTally
{
    public const string Collection = "parcel-tally";

    [EventHandler]
    public static async Task On(ParcelShipped shipped, IDocumentStore documents, BoardBug bug)
    {
        if (bug.FailsOn == "tally " + shipped.Destination)
        {
            throw new InvalidOperationException($"The tally cannot count '{shipped.Destination}' yet.");
        }

        var tally = await documents.FindAsync<EventTally>(Collection, shipped.Destination);
        await documents.UpsertAsync(Collection, shipped.Destination, new EventTally((tally?.Count ?? 0) + 1));
    }
}

[NamedEvent("parcel.destination-counted")]
public sealed record DestinationCounted(string Destination, int Parcels);

/// <summary>Parcels per destination, emitting the new count each time one is shipped.</summary>
[Projection("parcel_counts")]
[FromAggregateStream(typeof(Parcel))]
public static class ParcelCounts
{
    public const string Collection = "parcel-counts";

    [EventHandler]
    public static async Task On(ParcelShipped shipped, IDocumentStore documents, ProjectionEmitter emitter)
    {
        var count = ((await documents.FindAsync<EventTally>(Collection, shipped.Destination))?.Count ?? 0) + 1;
        await documents.UpsertAsync(Collection, shipped.Destination, new EventTally(count));
        await emitter.EmitAsync(new DestinationCounted(shipped.Destination, count));
    }

    [ProjectionReset]
    public static ValueTask Reset(IDocumentStore documents) => documents.DropCollectionAsync(Collection);
}

/// <summary>An ordinary subscriber of what the projection emits.</summary>
public static class CountWatcher
{
    [EventHandler]
    public static void On(DestinationCounted counted, CallLog log) => log.Add($"{counted.Destination} {counted.Parcels}");
}

/// <summary>How many parcels were shipped, and where the last one went.</summary>
public sealed record ParcelStats(int Shipped, string? Last);

/// <summary>Keeps <see cref="ParcelStats"/> as its state, replaced by each handler's return value, two events per batch.</summary>
[Projection("parcel_stats", BatchSize = 2)]
[FromAggregateStream(typeof(Parcel))]
public static class ParcelStatsProjection
{
    [EventHandler]
    public static ParcelStats On(ParcelShipped shipped, [ProjectionState] ParcelStats stats, BoardBug bug) =>
        bug.FailsOn == "stats " + shipped.Destination
            ? throw new InvalidOperationException($"The stats cannot count '{shipped.Destination}' yet.")
            : stats with { Shipped = stats.Shipped + 1, Last = shipped.Destination };
}

[JsonSerializable(typeof(Parcel))]
[JsonSerializable(typeof(ShipParcel))]
[JsonSerializable(typeof(ParcelShipped))]
[JsonSerializable(typeof(ParcelRoute))]
[JsonSerializable(typeof(EventTally))]
[JsonSerializable(typeof(ParcelStats))]
[JsonSerializable(typeof(DestinationCounted))]
internal sealed partial class ParcelJson : JsonSerializerContext;
