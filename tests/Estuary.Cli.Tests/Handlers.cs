using System;
using System.Collections.Concurrent;
using System.Text.Json.Serialization;

[assembly: Estuary.EstuaryModule("CliTests")]

namespace Estuary.Cli.Tests;

public sealed record ShipOrder(string OrderId);

[MessageName("cli.charge-card")]
public sealed record ChargeCard(string OrderId, decimal Amount);

public sealed record GetOrderStatus(string OrderId);

public sealed record OrderShipped(string OrderId);

[JsonSerializable(typeof(ShipOrder))]
[JsonSerializable(typeof(ChargeCard))]
[JsonSerializable(typeof(GetOrderStatus))]
[JsonSerializable(typeof(OrderShipped))]
internal partial class CliJson : JsonSerializerContext;

/// <summary>What the handlers did, per host.</summary>
public sealed class Ledger
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>When set, charging fails (until a test "fixes" the card processor).</summary>
    public volatile bool CardsDeclined;

    public string[] Entries => _entries.ToArray();

    public void Add(string entry) => _entries.Enqueue(entry);
}

public sealed class OrderHandlers(Ledger ledger)
{
    [Asynchronous(CliChannels.Work)]
    [CommandHandler(EndpointId = "cli.ship")]
    public void Ship(ShipOrder command) => ledger.Add($"shipped {command.OrderId}");

    [Asynchronous(CliChannels.Work)]
    [CommandHandler(EndpointId = "cli.charge")]
    [Retry(Instant = 0, Delayed = 0)]
    public void Charge(ChargeCard command)
    {
        if (ledger.CardsDeclined)
        {
            throw new InvalidOperationException($"card declined for {command.OrderId}");
        }

        ledger.Add($"charged {command.OrderId} {command.Amount}");
    }

    [QueryHandler("orders.status")]
    public string Status(GetOrderStatus query) => $"{query.OrderId}: open";

    [EventHandler(EndpointId = "cli.audit")]
    public void Audit(OrderShipped @event) => ledger.Add($"audited {@event.OrderId}");
}

public static class CliChannels
{
    public const string Work = "work";

    /// <summary>Declared with settings of its own, and no endpoint.</summary>
    public const string Idle = "idle";
}

[NamedEvent("cli.parcel-scanned")]
public sealed record ParcelScanned(string ParcelId);

[JsonSerializable(typeof(ParcelScanned))]
internal partial class ParcelJson : JsonSerializerContext;

/// <summary>A projection over the parcel streams, writing to the ledger.</summary>
[Projection("cli_parcels")]
[FromStream("parcels")]
public static class ParcelProjection
{
    [EventHandler]
    public static void On(ParcelScanned scanned, Ledger ledger) => ledger.Add("scanned " + scanned.ParcelId);

    [ProjectionReset]
    public static void Reset(Ledger ledger) => ledger.Add("reset");
}

/// <summary>Version 2 of <see cref="ParcelProjection"/>, switched to by hand.</summary>
[Projection("cli_parcels", Version = 2, ManualTakeOver = true)]
[FromStream("parcels")]
public static class ParcelProjectionV2
{
    [EventHandler]
    public static void On(ParcelScanned scanned, Ledger ledger) => ledger.Add("v2 scanned " + scanned.ParcelId);
}
