using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Estuary.FunctionalTests.Aggregates;

public sealed record RegisterParcel(string DepotCode, string Parcel);

public sealed record SealDepot(string Reason);

public sealed record Scan(ScanDetails Details);

public sealed record ScanDetails(string Depot, string Barcode);

public sealed record LabelPrinted(string Label);

public sealed record DispatchVan(string DepotCode, string Van);

public sealed record RenameDepot(string DepotCode, string Name);

public sealed record DriverAssigned(string Van, string Driver);

/// <summary>
/// Every mapping style in one aggregate: same name (case ignored), a header, a member path, a static
/// method; a version member; load-or-create; an action returning another aggregate.
/// </summary>
[Aggregate(Name = "depots")]
public sealed class Depot
{
    [Identifier]
    public string DepotCode { get; set; } = string.Empty;

    [AggregateVersion]
    public long Version { get; set; }

    public string Name { get; set; } = string.Empty;

    public List<string> Parcels { get; set; } = [];

    public List<string> Scans { get; set; } = [];

    public string? SealedBecause { get; set; }

    /// <summary>Load-or-create: the first parcel for a depot opens it.</summary>
    [CommandHandler]
    public static Depot Open(RegisterParcel command) => new() { DepotCode = command.DepotCode, Parcels = [command.Parcel] };

    [CommandHandler]
    public void Register(RegisterParcel command) => Parcels.Add(command.Parcel);

    [CommandHandler]
    [IdentifierMapping("DepotCode", Header = "depot")]
    public void Seal(SealDepot command) => SealedBecause = command.Reason;

    [CommandHandler]
    [IdentifierMapping("DepotCode", Member = "Details.Depot")]
    public void Record(Scan command) => Scans.Add(command.Details.Barcode);

    [EventHandler]
    [IdentifierMapping("DepotCode", Method = nameof(DepotOfLabel))]
    public void OnLabel(LabelPrinted @event) => Scans.Add("label " + @event.Label);

    /// <summary>Labels read "DEPOT/number": the depot is the part before the slash.</summary>
    public static string DepotOfLabel(LabelPrinted @event) => @event.Label.Split('/')[0];

    /// <summary>An action returning a new aggregate: both are saved, and the send returns the van's identifier.</summary>
    [CommandHandler]
    public Van Dispatch(DispatchVan command)
    {
        var van = Van.Loaded(command.Van, DepotCode, Parcels);
        Parcels = [];
        return van;
    }

    /// <summary>Retries when another writer saved the depot between load and save.</summary>
    [CommandHandler]
    [ConcurrencyRetry(2)]
    public void Rename(RenameDepot command, Interference interference)
    {
        interference.Interfere(DepotCode);
        Name = command.Name;
    }
}

[Aggregate(Name = "vans")]
public sealed class Van
{
    [Identifier]
    public string Plate { get; set; } = string.Empty;

    [AggregateVersion]
    public int Version { get; set; }

    public string Depot { get; set; } = string.Empty;

    public List<string> Load { get; set; } = [];

    public string? Driver { get; set; }

    private readonly List<object> _recorded = [];

    public static Van Loaded(string plate, string depot, List<string> parcels)
    {
        var van = new Van { Plate = plate, Depot = depot, Load = parcels };
        van._recorded.Add(new VanLoaded(plate, parcels.Count));
        return van;
    }

    [AggregateEvents]
    public IEnumerable<object> Recorded() => _recorded;

    [EventHandler]
    [IdentifierMapping("Plate", Member = "Van")]
    public void OnDriver(DriverAssigned @event) => Driver = @event.Driver;
}

public sealed record VanLoaded(string Plate, int Parcels);

/// <summary>Saves the depot behind the handler's back the first <see cref="Times"/> times: a concurrent writer.</summary>
public sealed class Interference(IDocumentStore store, CallLog log)
{
    public int Times { get; set; }

    public void Interfere(string depot)
    {
        log.Add("rename attempt");
        if (Times-- > 0)
        {
            var current = store.FindVersionedAsync<Depot>("depots", depot).AsTask().GetAwaiter().GetResult()!;
            current.Document.Parcels.Add("sneaked in");
            store.SaveAsync("depots", depot, current.Document, current.Version).AsTask().GetAwaiter().GetResult();
        }
    }
}

public static class VanWatcher
{
    [EventHandler]
    public static void OnLoaded(VanLoaded @event, CallLog log) => log.Add($"van {@event.Plate} loaded with {@event.Parcels}");
}

[JsonSerializable(typeof(Depot))]
[JsonSerializable(typeof(Van))]
internal partial class DepotJson : JsonSerializerContext;
