using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using Estuary;
using Microsoft.EntityFrameworkCore;

[assembly: EstuaryModule("Warehouse")]

namespace Estuary.EntityFrameworkCore.Tests.Channels;

public sealed record ReceiveParcel(Guid ParcelId, string Sender);

public sealed record ShelveParcel(Guid ParcelId, string Shelf, bool FailAfterSaving);

public sealed record ParcelShelved(Guid ParcelId, string Shelf, bool FailAfterSaving);

/// <summary>An aggregate whose action is handled from a Postgres channel, and stored with EF Core.</summary>
[Aggregate(Name = "parcels")]
public sealed class Parcel
{
    public const string Channel = "parcels";

    private readonly List<object> _recorded = [];

    [Identifier]
    public Guid ParcelId { get; set; }

    public string Sender { get; set; } = string.Empty;

    public string? Shelf { get; set; }

    [AggregateEvents]
    public IEnumerable<object> RecordedEvents() => _recorded;

    [CommandHandler]
    public static Parcel Receive(ReceiveParcel command) => new() { ParcelId = command.ParcelId, Sender = command.Sender };

    [Asynchronous(Channel)]
    [CommandHandler(EndpointId = "parcels.shelve")]
    [Retry(Instant = 0, Delayed = 0)]
    public void Shelve(ShelveParcel command)
    {
        Shelf = command.Shelf;
        _recorded.Add(new ParcelShelved(ParcelId, command.Shelf, command.FailAfterSaving));
    }
}

/// <summary>The parcel's subscribers: one in the handling transaction, one behind the outbox.</summary>
public static class ParcelSubscribers
{
    /// <summary>Synchronous: runs after the parcel is saved, in the same transaction, so its failure undoes the save.</summary>
    [EventHandler]
    public static void Check(ParcelShelved @event)
    {
        if (@event.FailAfterSaving)
        {
            throw new InvalidOperationException($"The shelf check of parcel {@event.ParcelId} failed after the parcel was saved.");
        }
    }

    /// <summary>Asynchronous: its copy of the event is written to the channel (the outbox) in the handling transaction.</summary>
    [Asynchronous(Parcel.Channel)]
    [EventHandler(EndpointId = "parcels.notify")]
    public static void Notify(ParcelShelved @event, ParcelNotices notices) => notices.Add(@event.ParcelId, @event.Shelf);
}

/// <summary>The notifications sent, per parcel.</summary>
public sealed class ParcelNotices
{
    private readonly ConcurrentQueue<(Guid Parcel, string Shelf)> _sent = new();

    public void Add(Guid parcel, string shelf) => _sent.Enqueue((parcel, shelf));

    public string[] For(Guid parcel) => [.. _sent.Where(n => n.Parcel == parcel).Select(n => n.Shelf)];
}

public sealed class WarehouseContext(DbContextOptions<WarehouseContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Parcel>().ToTable("parcels").HasAggregateVersion();
}

[JsonSerializable(typeof(ReceiveParcel))]
[JsonSerializable(typeof(ShelveParcel))]
[JsonSerializable(typeof(ParcelShelved))]
internal sealed partial class WarehouseJson : JsonSerializerContext;
