using System;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>
/// Which ship docked where, one row per event handled (duplicates would show), kept by a synchronous
/// projection: written in the transaction of each append to a berth stream.
/// </summary>
[Projection("berth_board", Synchronous = true)]
[FromAggregateStream(typeof(Berth))]
public static class BerthBoard
{
    [ProjectionInitialization]
    public static async Task Create(PostgresTransaction transaction)
    {
        await using var create = transaction.CreateCommand("CREATE TABLE IF NOT EXISTS berth_board (event_id uuid NOT NULL, berth text NOT NULL, ship text NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    [EventHandler]
    public static async Task On(ShipDocked docked, MessageContext context, PostgresTransaction transaction, GateBug bug)
    {
        if (bug.FailsFor == docked.Ship + " on the board")
        {
            throw new InvalidOperationException($"The berth board cannot show {docked.Ship} yet.");
        }

        await using var insert = transaction.CreateCommand("INSERT INTO berth_board (event_id, berth, ship) VALUES ($1, $2, $3)");
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = context.MessageId });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = docked.BerthId });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = docked.Ship });
        await insert.ExecuteNonQueryAsync();
    }
}
