using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Estuary.Benchmarks.EventStore;
using Estuary.Postgres;
using NpgsqlTypes;

namespace Estuary.Benchmarks.Projections;

/// <summary>
/// Lines, quantity and total per cart, in table <c>cart_totals</c>: the projection both libraries
/// rebuild. The handlers add each event to the batch's <see cref="CartTotalsBatch"/>; the flush writes
/// one row per cart the batch touched in one statement, in the batch's transaction.
/// </summary>
[Projection("cart_totals")]
[FromStream(ProjectionBenchDatabase.StreamPrefix)]
public static class CartTotals
{
    [ProjectionInitialization]
    public static async Task Create(PostgresTransaction transaction)
    {
        await using var create = transaction.CreateCommand(
            "CREATE TABLE IF NOT EXISTS cart_totals (cart_id uuid PRIMARY KEY, lines integer NOT NULL, quantity integer NOT NULL, total numeric NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    [EventHandler]
    public static void On(ItemAdded added, CartTotalsBatch batch) => batch.Add(added);

    [ProjectionFlush]
    public static Task Flush(CartTotalsBatch batch, PostgresTransaction transaction) => batch.WriteAsync(transaction, "cart_totals");

    [ProjectionReset]
    public static async Task Reset(PostgresTransaction transaction)
    {
        await using var truncate = transaction.CreateCommand("TRUNCATE cart_totals");
        await truncate.ExecuteNonQueryAsync();
    }
}

/// <summary>What one batch adds to each cart (a scoped service: one per batch).</summary>
public sealed class CartTotalsBatch
{
    private readonly Dictionary<Guid, (int Lines, int Quantity, decimal Total)> _carts = [];

    public void Add(ItemAdded added)
    {
        var (lines, quantity, total) = _carts.GetValueOrDefault(added.CartId);
        _carts[added.CartId] = (lines + 1, quantity + added.Quantity, total + added.Quantity * added.UnitPrice);
    }

    /// <summary>Adds what the batch counted to <paramref name="table"/> (the projection's own), one row per cart, in one statement.</summary>
    public async Task WriteAsync(PostgresTransaction transaction, string table)
    {
        var ids = new Guid[_carts.Count];
        var lines = new int[_carts.Count];
        var quantities = new int[_carts.Count];
        var totals = new decimal[_carts.Count];
        var i = 0;
        foreach (var (id, (line, quantity, total)) in _carts)
        {
            (ids[i], lines[i], quantities[i], totals[i]) = (id, line, quantity, total);
            i++;
        }

        await using var upsert = transaction.CreateCommand(
            $"""
            INSERT INTO {table} AS t (cart_id, lines, quantity, total)
            SELECT * FROM unnest($1::uuid[], $2::integer[], $3::integer[], $4::numeric[])
            ON CONFLICT (cart_id) DO UPDATE SET lines = t.lines + excluded.lines,
                quantity = t.quantity + excluded.quantity, total = t.total + excluded.total
            """);
        upsert.Parameters.Add(new Npgsql.NpgsqlParameter<Guid[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        upsert.Parameters.Add(new Npgsql.NpgsqlParameter<int[]> { TypedValue = lines, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        upsert.Parameters.Add(new Npgsql.NpgsqlParameter<int[]> { TypedValue = quantities, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        upsert.Parameters.Add(new Npgsql.NpgsqlParameter<decimal[]> { TypedValue = totals, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        await upsert.ExecuteNonQueryAsync();
        _carts.Clear();
    }
}

/// <summary>
/// The same totals as a partitioned projection (one partition per cart stream), in table
/// <c>cart_totals_partitioned</c>: a batch takes up to 100 carts, reads their events in one statement,
/// and the flush writes the carts it touched as <see cref="CartTotals"/> does.
/// </summary>
[Projection("cart_totals_partitioned", Partitioned = true)]
[FromStream(ProjectionBenchDatabase.StreamPrefix)]
public static class PartitionedCartTotals
{
    [ProjectionInitialization]
    public static async Task Create(PostgresTransaction transaction)
    {
        await using var create = transaction.CreateCommand(
            "CREATE TABLE IF NOT EXISTS cart_totals_partitioned (cart_id uuid PRIMARY KEY, lines integer NOT NULL, quantity integer NOT NULL, total numeric NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    [EventHandler]
    public static void On(ItemAdded added, CartTotalsBatch batch) => batch.Add(added);

    [ProjectionFlush]
    public static Task Flush(CartTotalsBatch batch, PostgresTransaction transaction) => batch.WriteAsync(transaction, "cart_totals_partitioned");

    [ProjectionReset]
    public static async Task Reset(PostgresTransaction transaction)
    {
        await using var truncate = transaction.CreateCommand("TRUNCATE cart_totals_partitioned");
        await truncate.ExecuteNonQueryAsync();
    }
}
