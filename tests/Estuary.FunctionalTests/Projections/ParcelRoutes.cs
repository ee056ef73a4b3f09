using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Projections;

[NamedEvent("parcel.route-tallied")]
public sealed record RouteTallied(string Route, int Parcels, int Version);

/// <summary>Version 1 of the parcel routes: parcels per destination, as shipped, emitting each new count.</summary>
[Projection("parcel_routes")]
[FromAggregateStream(typeof(Parcel))]
public static class ParcelRoutes
{
    [EventHandler]
    public static async Task<RouteWeight> On(ParcelShipped shipped, [ProjectionState] RouteWeight weight, IDocumentStore documents, ProjectionEmitter emitter)
    {
        await RouteTallies.CountAsync(documents, emitter, "parcel_routes", shipped.Destination, version: 1);
        return new RouteWeight(weight.Points + 1);
    }
}

/// <summary>Version 2: the same tally keyed by the destination in upper case, in a collection of its own.</summary>
[Projection("parcel_routes", Version = 2)]
[FromAggregateStream(typeof(Parcel))]
public static class ParcelRoutesV2
{
    [EventHandler]
    public static async Task<RouteWeight> On(ParcelShipped shipped, [ProjectionState] RouteWeight weight, IDocumentStore documents, ProjectionEmitter emitter)
    {
        await RouteTallies.CountAsync(documents, emitter, "parcel_routes_v2", shipped.Destination.ToUpperInvariant(), version: 2);
        return new RouteWeight(weight.Points + 10);
    }
}

/// <summary>Each version's state: version 1 adds a point per parcel, version 2 ten, so a reader sees which one it read.</summary>
public sealed record RouteWeight(int Points);

/// <summary>Reads the live version's state.</summary>
public interface IRouteWeights
{
    [ProjectionStateGateway("parcel_routes")]
    Task<RouteWeight?> LiveAsync();
}

/// <summary>Logs every tally the versions emit, so a test sees which version emitted what, and how often.</summary>
public static class RouteTallyWatcher
{
    [EventHandler]
    public static void On(RouteTallied tallied, CallLog log) => log.Add($"v{tallied.Version} {tallied.Route} {tallied.Parcels}");
}

internal static class RouteTallies
{
    public static async ValueTask CountAsync(IDocumentStore documents, ProjectionEmitter emitter, string collection, string route, int version)
    {
        var count = ((await documents.FindAsync<EventTally>(collection, route))?.Count ?? 0) + 1;
        await documents.UpsertAsync(collection, route, new EventTally(count));
        await emitter.EmitAsync(new RouteTallied(route, count, version));
    }
}

[JsonSerializable(typeof(RouteTallied))]
[JsonSerializable(typeof(RouteWeight))]
internal sealed partial class ParcelRouteJson : JsonSerializerContext;
