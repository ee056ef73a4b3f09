using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres.Tests.Projections;

[NamedEvent("pg.roster.entered")]
public sealed record RosterEntered(string Ship, int Version);

/// <summary>Version 1 of the berth roster: one row per docking, and one <see cref="RosterEntered"/> emitted to stream <c>pg-roster</c>.</summary>
[Projection("berth_roster")]
[FromAggregateStream(typeof(Berth))]
public static class BerthRoster
{
    public const string Stream = "pg-roster";

    [ProjectionInitialization]
    public static Task Create(PostgresTransaction transaction) => BerthRosters.CreateAsync(transaction, "berth_roster");

    [EventHandler]
    public static Task On(ShipDocked docked, PostgresTransaction transaction, ProjectionEmitter emitter) =>
        BerthRosters.EnterAsync(transaction, emitter, "berth_roster", docked, version: 1);
}

/// <summary>Version 2: the same roster in a table of its own, the ship's name also in upper case.</summary>
[Projection("berth_roster", Version = 2)]
[FromAggregateStream(typeof(Berth))]
public static class BerthRosterV2
{
    [ProjectionInitialization]
    public static Task Create(PostgresTransaction transaction) => BerthRosters.CreateAsync(transaction, "berth_roster_v2");

    [EventHandler]
    public static Task On(ShipDocked docked, PostgresTransaction transaction, ProjectionEmitter emitter) =>
        BerthRosters.EnterAsync(transaction, emitter, "berth_roster_v2", docked, version: 2);
}

internal static class BerthRosters
{
    public static async Task CreateAsync(PostgresTransaction transaction, string table)
    {
        await using var create = transaction.CreateCommand($"CREATE TABLE IF NOT EXISTS {table} (ship text NOT NULL, berth text NOT NULL, shouted text NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    public static async Task EnterAsync(PostgresTransaction transaction, ProjectionEmitter emitter, string table, ShipDocked docked, int version)
    {
        await using var insert = transaction.CreateCommand($"INSERT INTO {table} (ship, berth, shouted) VALUES ($1, $2, $3)");
        insert.Parameters.Add(new NpgsqlParameter { Value = docked.Ship });
        insert.Parameters.Add(new NpgsqlParameter { Value = docked.BerthId });
        insert.Parameters.Add(new NpgsqlParameter { Value = version == 1 ? docked.Ship : docked.Ship.ToUpperInvariant() });
        await insert.ExecuteNonQueryAsync();
        await emitter.LinkToAsync(BerthRoster.Stream, new RosterEntered(docked.Ship, version));
    }
}

[JsonSerializable(typeof(RosterEntered))]
internal sealed partial class BerthRosterJson : JsonSerializerContext;
