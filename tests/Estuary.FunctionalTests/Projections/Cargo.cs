using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Projections;

public sealed record OpenHold(Guid HoldId, string Item);

public sealed record LoadCargo(Guid HoldId, string Item);

[NamedEvent("cargo.loaded")]
public sealed record CargoLoaded(Guid HoldId, string Item);

/// <summary>A ship's hold: an event-sourced aggregate whose streams a partitioned projection reads.</summary>
[EventSourcingAggregate]
[Stream("hold")]
public sealed class Hold
{
    [Identifier]
    public Guid HoldId { get; set; }

    [CommandHandler]
    public static CargoLoaded Open(OpenHold command) => new(command.HoldId, command.Item);

    [CommandHandler]
    public CargoLoaded Load(LoadCargo command) => new(command.HoldId, command.Item);

    [EventSourcingHandler]
    public void On(CargoLoaded loaded) => HoldId = loaded.HoldId;
}

/// <summary>What was loaded into a hold, in order.</summary>
public sealed record Manifest(IReadOnlyList<string> Items);

/// <summary>A hold's partition state: how many items its partition handled.</summary>
public sealed record ManifestCount(int Items);

/// <summary>
/// Each hold's manifest, kept by a partitioned projection: one position, lock and failure per hold
/// stream, a count per partition as state, and a partition reset hook for rebuilding one hold.
/// </summary>
[Projection("hold_manifests", Partitioned = true, BatchSize = 20)]
[FromAggregateStream(typeof(Hold))]
public static class HoldManifests
{
    public const string Collection = "hold-manifests";

    [EventHandler]
    public static async Task<ManifestCount> On(CargoLoaded loaded, [ProjectionState] ManifestCount count, IDocumentStore documents, BoardBug bug)
    {
        if (bug.FailsOn == loaded.Item)
        {
            throw new InvalidOperationException($"'{loaded.Item}' cannot be stowed yet.");
        }

        var id = loaded.HoldId.ToString("D");
        var manifest = await documents.FindAsync<Manifest>(Collection, id);
        await documents.UpsertAsync(Collection, id, new Manifest([.. manifest?.Items ?? [], loaded.Item]));
        return count with { Items = count.Items + 1 };
    }

    [ProjectionReset]
    public static ValueTask Reset(IDocumentStore documents) => documents.DropCollectionAsync(Collection);

    [ProjectionPartitionReset]
    public static async Task ResetHold(string partition, IDocumentStore documents) =>
        await documents.DeleteAsync(Collection, partition["hold-".Length..]);
}

[JsonSerializable(typeof(Hold))]
[JsonSerializable(typeof(OpenHold))]
[JsonSerializable(typeof(LoadCargo))]
[JsonSerializable(typeof(CargoLoaded))]
[JsonSerializable(typeof(Manifest))]
[JsonSerializable(typeof(ManifestCount))]
internal sealed partial class CargoJson : JsonSerializerContext;

/// <summary>Items per hold, partitioned and written in the unit of work of each append to the hold.</summary>
[Projection("hold_tallies", Partitioned = true, Synchronous = true)]
[FromAggregateStream(typeof(Hold))]
public static class HoldTallies
{
    public const string Collection = "hold-tallies";

    [EventHandler]
    public static async Task On(CargoLoaded loaded, MessageContext context, IDocumentStore documents, BoardBug bug)
    {
        if (bug.FailsOn == "tally " + loaded.Item)
        {
            throw new InvalidOperationException($"The tally cannot count '{loaded.Item}' yet.");
        }

        var id = loaded.HoldId.ToString("D");
        var tally = await documents.FindAsync<EventTally>(Collection, id);
        await documents.UpsertAsync(Collection, id, new EventTally((tally?.Count ?? 0) + 1));
    }
}

/// <summary>The last item loaded into each hold, partitioned and run by triggers on the projections channel.</summary>
[Projection("hold_last_items", Partitioned = true)]
[FromAggregateStream(typeof(Hold))]
[Asynchronous(Asynchronous.AsyncChannels.Projections)]
public static class HoldLastItems
{
    public const string Collection = "hold-last-items";

    [EventHandler]
    public static ValueTask On(CargoLoaded loaded, IDocumentStore documents) =>
        documents.UpsertAsync(Collection, loaded.HoldId.ToString("D"), new Manifest([loaded.Item]));
}
