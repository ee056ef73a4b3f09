using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Estuary.Fixtures.Delivery;
using Npgsql;
using NpgsqlTypes;
using Xunit;

namespace Estuary.Postgres.Tests.Delivery;

// A randomized mix of valid and broken rows, as careless producers write them.
public sealed partial class PostgresDeliveryTests
{
    private const int PoisonRows = 2000;

    /// <summary>
    /// Rows mixing valid transfers (with headers of every shape a JSON object can give, huge ones
    /// included) with broken headers, random payload bytes, unknown names and endpoints, payloads of
    /// another type and payloads the message's constructor refuses. The consumer never stalls: every
    /// valid message is handled exactly once, every broken one is dead-lettered with a reason, in bounded
    /// time. ESTUARY_POISON_SEED reproduces a run.
    /// </summary>
    [Fact]
    public async Task A_random_mix_of_valid_and_broken_rows_never_stalls_the_channel_and_each_row_ends_in_exactly_one_place()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ESTUARY_POISON_SEED"), out var given) ? given : 20261205;
        output.WriteLine($"seed {seed} (set ESTUARY_POISON_SEED to reproduce)");
        var random = new Random(seed);
        var host = CreateHost(work => work.Retry = RetryPolicy.None);
        await new PostgresSchema(Schema).EnsureCreatedAsync(Database.DataSource, default);

        var rows = Enumerable.Range(0, PoisonRows).Select(i => PoisonRow.Random(random, i)).ToArray();
        await InsertRowsAsync(Schema, rows);

        var run = await DrainAsync(host, concurrency: 4).WaitAsync(TimeSpan.FromMinutes(3));

        var valid = rows.Where(r => r.Booking is not null).ToArray();
        output.WriteLine($"{run} ({valid.Length} valid rows)");
        Assert.Equal(PoisonRows, run.Received);
        Assert.Equal(valid.Length, run[DeliveryOutcome.Handled]);
        Assert.Equal(PoisonRows - valid.Length, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(valid.Select(r => r.Booking).Order(StringComparer.Ordinal), Log(host).Order(StringComparer.Ordinal));

        var dead = await DeadLettersOf(host).ListAsync(0, PoisonRows);
        Assert.Equal(rows.Where(r => r.Booking is null).Select(r => r.MessageId).Order(), dead.Select(d => d.Id).Order());
        Assert.All(dead, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        Assert.Equal(0, await PendingAsync(host));
    }

    private async Task InsertRowsAsync(string schema, IReadOnlyList<PoisonRow> rows)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var chunk in rows.Chunk(200))
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var row in chunk)
            {
                var insert = new NpgsqlBatchCommand($"""
                    INSERT INTO "{schema}".queue (channel, message_id, endpoint_id, message_name, headers, payload, available_at, created_at)
                    VALUES ($1, $2, $3, $4, $5::jsonb, $6, now() - interval '1 second', now())
                    """);
                insert.Parameters.Add(new NpgsqlParameter { Value = DeliveryChannels.Work });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.MessageId });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.EndpointId });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.Name });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.Headers });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
                batch.BatchCommands.Add(insert);
            }

            await batch.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>One queue row; <see cref="Booking"/> is what the handler logs when the row is valid, null when it must be dead-lettered.</summary>
    private sealed record PoisonRow(Guid MessageId, string EndpointId, string Name, string Headers, byte[] Payload, string? Booking)
    {
        private static readonly string s_transferName = typeof(Transfer).FullName!;

        public static PoisonRow Random(Random random, int index)
        {
            var id = Guid.NewGuid();
            var amount = random.Next(1, 1000);
            var payload = Encoding.UTF8.GetBytes($$"""{"Account":"v{{index}}","Amount":{{amount}}}""");
            return random.Next(10) switch
            {
                < 4 => new(id, "delivery.transfer", s_transferName, ValidHeaders(random), payload, $"booked v{index} {amount}"),
                4 => new(id, "delivery.transfer", s_transferName, BrokenHeaders(random), payload, null),
                5 => new(id, "delivery.transfer", s_transferName, "{}", RandomBytes(random), null),
                6 => new(id, "delivery.transfer", "no.such." + random.Next(100), ValidHeaders(random), payload, null),
                7 => new(id, "delivery.gone-" + random.Next(100), s_transferName, ValidHeaders(random), payload, null),
                8 => new(id, "delivery.transfer", s_transferName, ValidHeaders(random), Encoding.UTF8.GetBytes($$"""{"Account":"v{{index}}","Amount":{{-amount}}}"""), null),
                _ => new(id, "delivery.transfer", typeof(InspectHeaders).FullName!, ValidHeaders(random), Encoding.UTF8.GetBytes("""{"Label":"x"}"""), null),
            };
        }

        // Text, numbers, booleans and nulls: all of them headers (nulls absent ones).
        private static string ValidHeaders(Random random)
        {
            var headers = new Dictionary<string, object?>();
            for (var i = random.Next(6); i > 0; i--)
            {
                headers["h" + random.Next(20)] = random.Next(6) switch
                {
                    0 => random.Next(),
                    1 => random.NextDouble() * 1e6,
                    2 => random.Next(2) == 0,
                    3 => null,
                    4 => new string('x', random.Next(100_000, 300_000)),
                    _ => "v\u00e9\u20ac" + random.Next(),
                };
            }

            return JsonSerializer.Serialize(headers, PoisonJson.Default.DictionaryStringObject);
        }

        private static string BrokenHeaders(Random random) => random.Next(5) switch
        {
            0 => """{"nested": {"a": [1, 2]}}""",
            1 => """{"list": [1, "two"]}""",
            2 => "[\"not\", \"an\", \"object\"]",
            3 => "\"just text\"",
            _ => random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        private static byte[] RandomBytes(Random random)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object?>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
[System.Text.Json.Serialization.JsonSerializable(typeof(double))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class PoisonJson : System.Text.Json.Serialization.JsonSerializerContext;
