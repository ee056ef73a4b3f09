using System;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>Holds the partitioned projection's handler on one ship until the test lets it go.</summary>
public sealed class HistoryGate
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string? HoldsOn { get; set; }

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    public async Task PassAsync(string ship)
    {
        if (ship == HoldsOn)
        {
            Reached.TrySetResult();
            await _released.Task;
        }
    }
}

/// <summary>
/// Every docking of every berth, partitioned by berth stream: one row per event with its stream
/// version, in a table of the test schema, written in the batch's transaction.
/// </summary>
[Projection("berth_history", Partitioned = true, BatchSize = 50)]
[FromAggregateStream(typeof(Berth))]
public static class BerthHistory
{
    [ProjectionInitialization]
    public static async Task Create(PostgresTransaction transaction)
    {
        await using var create = transaction.CreateCommand("CREATE TABLE IF NOT EXISTS berth_history (berth text NOT NULL, version bigint NOT NULL, ship text NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    [EventHandler]
    public static async Task On(ShipDocked docked, PostgresTransaction transaction, GateBug bug, HistoryGate gate)
    {
        if (bug.FailsFor == docked.Ship)
        {
            throw new InvalidOperationException($"The history cannot take {docked.Ship} yet.");
        }

        await gate.PassAsync(docked.Ship);
        await using var insert = transaction.CreateCommand("INSERT INTO berth_history (berth, version, ship) VALUES ($1, (SELECT count(*) + 1 FROM berth_history WHERE berth = $1), $2)");
        insert.Parameters.Add(new NpgsqlParameter { Value = docked.BerthId });
        insert.Parameters.Add(new NpgsqlParameter { Value = docked.Ship });
        await insert.ExecuteNonQueryAsync();
    }

    [ProjectionReset]
    public static async Task Reset(PostgresTransaction transaction)
    {
        await using var delete = transaction.CreateCommand("DELETE FROM berth_history");
        await delete.ExecuteNonQueryAsync();
    }

    [ProjectionPartitionReset]
    public static async Task ResetBerth(string partition, PostgresTransaction transaction)
    {
        await using var delete = transaction.CreateCommand("DELETE FROM berth_history WHERE berth = $1");
        delete.Parameters.Add(new NpgsqlParameter { Value = partition["pg-berths-".Length..] });
        await delete.ExecuteNonQueryAsync();
    }
}
