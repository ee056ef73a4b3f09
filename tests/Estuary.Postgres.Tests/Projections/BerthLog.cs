using System;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary.Postgres.Tests.Flows;

namespace Estuary.Postgres.Tests.Projections;

public sealed record DockShip(string BerthId, string Ship);

public sealed record MoorShip(string BerthId, string Ship);

[NamedEvent("pg.berth.docked")]
public sealed record ShipDocked(string BerthId, string Ship);

/// <summary>An event-sourced aggregate whose appends trigger <see cref="BerthLog"/>.</summary>
[EventSourcingAggregate]
[Stream("pg-berths")]
public sealed class Berth
{
    [Identifier]
    public string BerthId { get; set; } = string.Empty;

    [CommandHandler]
    public static ShipDocked Dock(DockShip command) => new(command.BerthId, command.Ship);

    [CommandHandler]
    public ShipDocked Moor(MoorShip command) => new(command.BerthId, command.Ship);

    [EventSourcingHandler]
    public void On(ShipDocked docked) => BerthId = docked.BerthId;
}

/// <summary>
/// Which ship is at which berth, in a table of the test schema: a triggered projection, run by the
/// consumers of the accounts channel in each trigger's delivery transaction.
/// </summary>
[Projection("berth_log")]
[FromAggregateStream(typeof(Berth))]
[Asynchronous(AccountHandlers.Channel)]
[Retry(Instant = 1, Delayed = 0)]
public static class BerthLog
{
    [ProjectionInitialization]
    public static async Task Create(PostgresTransaction transaction)
    {
        await using var create = transaction.CreateCommand("CREATE TABLE IF NOT EXISTS berth_log (berth text PRIMARY KEY, ship text NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    [EventHandler]
    public static async Task On(ShipDocked docked, PostgresTransaction transaction, GateBug bug)
    {
        if (bug.FailsFor == docked.Ship)
        {
            throw new InvalidOperationException($"The berth log cannot take {docked.Ship} yet.");
        }

        await using var insert = transaction.CreateCommand("INSERT INTO berth_log (berth, ship) VALUES ($1, $2)");
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = docked.BerthId });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = docked.Ship });
        await insert.ExecuteNonQueryAsync();
    }
}

[NamedEvent("pg.harbour.ship-logged")]
public sealed record ShipLogged(string BerthId, string Ship);

/// <summary>A polled projection that only emits: one <see cref="ShipLogged"/> per docking, linked to stream <c>pg-harbour</c>.</summary>
[Projection("harbour_master", BatchSize = 7)]
[FromAggregateStream(typeof(Berth))]
public static class HarbourMaster
{
    public const string Stream = "pg-harbour";

    [EventHandler]
    public static async Task On(ShipDocked docked, ProjectionEmitter emitter, GateBug bug)
    {
        await emitter.LinkToAsync(Stream, new ShipLogged(docked.BerthId, docked.Ship));
        if (bug.FailsFor == docked.Ship + " in the harbour")
        {
            throw new InvalidOperationException($"The harbour master lost the papers of {docked.Ship}.");
        }
    }
}

/// <summary>How many ships docked: a mutable state object.</summary>
public sealed class HarbourCount
{
    public int Dockings { get; set; }
}

/// <summary>Counts dockings in its [ProjectionState], changed in place.</summary>
[Projection("harbour_count")]
[FromAggregateStream(typeof(Berth))]
public static class HarbourCountProjection
{
    [EventHandler]
    public static void On(ShipDocked docked, [ProjectionState] HarbourCount count) => count.Dockings++;
}

[JsonSerializable(typeof(Berth))]
[JsonSerializable(typeof(DockShip))]
[JsonSerializable(typeof(MoorShip))]
[JsonSerializable(typeof(ShipDocked))]
[JsonSerializable(typeof(ShipLogged))]
[JsonSerializable(typeof(HarbourCount))]
internal sealed partial class BerthJson : JsonSerializerContext;
