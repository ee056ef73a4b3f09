using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Estuary.FunctionalTests.EventSourcing;

public sealed record ParcelHandedOver(string Tracking, string Carrier);

public sealed record ParcelScanned(string Tracking, string Hub);

public sealed record ParcelDelivered(string Tracking);

[NamedEvent("shipment.started")]
public sealed record ShipmentStarted(string Tracking, string Carrier);

[NamedEvent("shipment.progressed")]
public sealed record ShipmentProgressed(string Tracking, string Hub);

[NamedEvent("shipment.completed")]
public sealed record ShipmentCompleted(string Tracking);

/// <summary>An event-sourced saga: follows a parcel from hand-over to delivery; its history is its state.</summary>
[EventSourcingSaga]
[AggregateType("shipment")]
public sealed class Shipment
{
    [Identifier]
    public string Tracking { get; set; } = string.Empty;

    public List<string> Hubs { get; set; } = [];

    public bool Done { get; set; }

    [EventHandler]
    public static ShipmentStarted Start(ParcelHandedOver handedOver) => new(handedOver.Tracking, handedOver.Carrier);

    [EventHandler]
    public IEnumerable<object> OnScanned(ParcelScanned scanned)
    {
        if (!Done)
        {
            yield return new ShipmentProgressed(Tracking, scanned.Hub);
        }
    }

    [EventHandler]
    public ShipmentCompleted OnDelivered(ParcelDelivered delivered) => new(Tracking);

    [EventSourcingHandler]
    public void On(ShipmentStarted started) => Tracking = started.Tracking;

    [EventSourcingHandler]
    public void On(ShipmentProgressed progressed) => Hubs.Add(progressed.Hub);

    [EventSourcingHandler]
    public void On(ShipmentCompleted completed) => Done = true;
}

[JsonSerializable(typeof(ShipmentStarted))]
[JsonSerializable(typeof(ShipmentProgressed))]
[JsonSerializable(typeof(ShipmentCompleted))]
internal sealed partial class ShipmentJson : JsonSerializerContext;
