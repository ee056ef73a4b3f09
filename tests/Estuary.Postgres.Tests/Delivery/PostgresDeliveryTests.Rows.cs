using System;
using System.Text;
using System.Threading.Tasks;
using Estuary.Fixtures.Delivery;
using Npgsql;
using NpgsqlTypes;
using Xunit;

namespace Estuary.Postgres.Tests.Delivery;

// Rows written into the queue by other programs, as they may write them.
public sealed partial class PostgresDeliveryTests
{
    [Fact]
    public async Task Rows_whose_headers_are_not_text_are_read_leniently_or_dead_lettered_and_the_channel_goes_on()
    {
        var host = CreateHost();
        await new PostgresSchema(Schema).EnsureCreatedAsync(Database.DataSource, default);
        await InsertRowAsync(Schema, """{"retries": 3, "urgent": true}""", Transfer("n-1", 1));
        await InsertRowAsync(Schema, """{"tenant": null}""", Transfer("n-2", 2));
        await InsertRowAsync(Schema, """{"nested": {"a": 1}}""", Transfer("n-3", 3));
        await InsertRowAsync(Schema, """[1, 2]""", Transfer("n-4", 4));
        await InsertRowAsync(Schema, """{"user": "ada"}""", Transfer("n-5", 5));

        var run = await DrainAsync(host);

        Assert.Equal((5, 3, 2), (run.Received, run[DeliveryOutcome.Handled], run[DeliveryOutcome.DeadLettered]));
        Assert.Equal(["booked n-1 1", "booked n-2 2", "booked n-5 5"], Log(host));
        var dead = await DeadLettersOf(host).ListAsync();
        var nested = Assert.Single(dead, d => d.Reason.Contains("header 'nested' is a JSON object", StringComparison.Ordinal));
        Assert.Single(dead, d => d.Reason.Contains("holds a JSON array", StringComparison.Ordinal));
        Assert.All(dead, d => Assert.Equal(1, d.Message.Attempts));
        Assert.Contains("""{"nested": {"a": 1}}""", nested.ExceptionDetails, StringComparison.Ordinal);
        Assert.Equal(Transfer("n-3", 3), nested.Message.Payload.ToArray());
        Assert.Equal(0, await PendingAsync(host));
    }

    [Fact]
    public async Task A_receive_does_not_read_a_payload_over_the_limit_and_keeps_its_row_until_acknowledged()
    {
        var schema = "r_" + Guid.NewGuid().ToString("N");
        await new PostgresSchema(schema).EnsureCreatedAsync(Database.DataSource, default);
        try
        {
            await InsertRowAsync(schema, "{}", new byte[1000]);
            var channel = new PostgresQueueChannel(DeliveryChannels.Work, Database.DataSource, new PostgresOptions { SchemaName = schema }, maxPayloadBytes: 100);

            await using (var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default))
            {
                Assert.True(delivery!.Message.Payload.IsEmpty);
                Assert.Contains("1000 bytes", delivery.ReadError!.Message, StringComparison.Ordinal);
            }

            Assert.Equal(1L, await QueuedAsync(schema));
            await using (var again = await channel.ReceiveAsync(TimeSpan.Zero, default))
            {
                await again!.AcknowledgeAsync(default);
            }

            Assert.Equal(0L, await QueuedAsync(schema));
        }
        finally
        {
            await using var drop = Database.DataSource.CreateCommand($"DROP SCHEMA \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private async Task<long> QueuedAsync(string schema)
    {
        await using var count = Database.DataSource.CreateCommand($"SELECT count(*) FROM \"{schema}\".queue");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static byte[] Transfer(string account, int amount) => Encoding.UTF8.GetBytes($$"""{"Account":"{{account}}","Amount":{{amount}}}""");

    /// <summary>Inserts a row for the Transfer endpoint as a program without Estuary would.</summary>
    internal async Task InsertRowAsync(string schema, string headersJson, byte[] payload, string endpointId = "delivery.transfer", string? name = null)
    {
        await using var insert = Database.DataSource.CreateCommand($"""
            INSERT INTO "{schema}".queue (channel, message_id, endpoint_id, message_name, headers, payload, available_at, created_at)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6, now() - interval '1 second', now())
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = DeliveryChannels.Work });
        insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        insert.Parameters.Add(new NpgsqlParameter { Value = endpointId });
        insert.Parameters.Add(new NpgsqlParameter { Value = name ?? typeof(Fixtures.Delivery.Transfer).FullName });
        insert.Parameters.Add(new NpgsqlParameter { Value = headersJson });
        insert.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Bytea });
        await insert.ExecuteNonQueryAsync();
    }
}
