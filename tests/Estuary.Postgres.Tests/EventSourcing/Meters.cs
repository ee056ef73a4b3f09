using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using Estuary.Postgres.Tests.Flows;

namespace Estuary.Postgres.Tests.EventSourcing;

public sealed record InstallMeter(string MeterId);

public sealed record ReadMeter(string MeterId, int Units);

[NamedEvent("pg.meter.installed")]
public sealed record MeterInstalled(string MeterId);

[NamedEvent("pg.meter.read")]
public sealed record MeterRead(string MeterId, int Units);

/// <summary>An event-sourced aggregate on PostgreSQL, with its events in a table of their own: readings arrive on the Postgres channel.</summary>
[EventSourcingAggregate(SnapshotEvery = 2, Table = "meters")]
[AggregateType("pg.meter")]
[Stream("pg-meters")]
public sealed class Meter
{
    [Identifier]
    public string MeterId { get; set; } = string.Empty;

    [AggregateVersion]
    public long Version { get; set; }

    public int Total { get; set; }

    [CommandHandler]
    public static MeterInstalled Install(InstallMeter command) => new(command.MeterId);

    [Asynchronous(AccountHandlers.Channel)]
    [CommandHandler(EndpointId = "meters.read")]
    [Retry(Instant = 1, Delayed = 0)]
    public IEnumerable<object> Read(ReadMeter command)
    {
        yield return new MeterRead(MeterId, command.Units);
    }

    [EventSourcingHandler]
    public void On(MeterInstalled installed) => MeterId = installed.MeterId;

    [EventSourcingHandler]
    public void On(MeterRead read) => Total += read.Units;
}

/// <summary>Refuses negative readings after the append: the whole unit of work must roll back.</summary>
public static class MeterAudit
{
    [EventHandler]
    public static void Check(MeterRead read)
    {
        if (read.Units < 0)
        {
            throw new InvalidOperationException($"Meter {read.MeterId} cannot run backwards.");
        }
    }
}

[JsonSerializable(typeof(Meter))]
[JsonSerializable(typeof(MeterInstalled))]
[JsonSerializable(typeof(MeterRead))]
[JsonSerializable(typeof(ReadMeter))]
internal sealed partial class MeterJson : JsonSerializerContext;
