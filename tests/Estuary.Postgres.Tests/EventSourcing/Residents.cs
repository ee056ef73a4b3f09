using System;
using System.Text.Json.Serialization;

namespace Estuary.Postgres.Tests.EventSourcing;

public sealed record RegisterResident(Guid ResidentId, string Name, string Room);

public sealed record MoveResident(Guid ResidentId, string Room);

[NamedEvent("pg.resident.registered")]
public sealed record ResidentRegistered(Guid ResidentId, [property: Sensitive] string? Name, string Room);

[NamedEvent("pg.resident.moved")]
public sealed record ResidentMoved(Guid ResidentId, string Room);

/// <summary>Personal data in events, and snapshots of the state that holds it decrypted.</summary>
[EventSourcingAggregate(SnapshotEvery = 2)]
[AggregateType("pg.resident")]
public sealed class Resident
{
    [Identifier]
    public Guid ResidentId { get; set; }

    [AggregateVersion]
    public long Version { get; set; }

    public string? Name { get; set; }

    public string Room { get; set; } = string.Empty;

    [CommandHandler]
    public static ResidentRegistered Register(RegisterResident command) => new(command.ResidentId, command.Name, command.Room);

    [CommandHandler]
    public ResidentMoved Move(MoveResident command) => new(ResidentId, command.Room);

    [EventSourcingHandler]
    public void On(ResidentRegistered registered) => (ResidentId, Name, Room) = (registered.ResidentId, registered.Name, registered.Room);

    [EventSourcingHandler]
    public void On(ResidentMoved moved) => Room = moved.Room;
}

[JsonSerializable(typeof(Resident))]
[JsonSerializable(typeof(ResidentRegistered))]
[JsonSerializable(typeof(ResidentMoved))]
internal sealed partial class ResidentJson : JsonSerializerContext;
