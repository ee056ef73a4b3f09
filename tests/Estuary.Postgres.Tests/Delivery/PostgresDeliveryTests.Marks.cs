using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Estuary.Fixtures.Delivery;
using Xunit;

namespace Estuary.Postgres.Tests.Delivery;

// The claim records the message id's mark in its round trip; these check what stays in the table.
public sealed partial class PostgresDeliveryTests
{
    [Fact]
    public async Task An_endpoint_deduplicating_by_a_member_keeps_only_its_own_keys_and_no_message_id()
    {
        var host = CreateHost();
        await SendRawAsync(host, "delivery.payment", """{"PaymentId":"p-7","Label":"first"}""", typeof(Payment).FullName);
        await SendRawAsync(host, "delivery.payment", """{"PaymentId":"p-7","Label":"again"}""", typeof(Payment).FullName);
        await SendRawAsync(host, "delivery.transfer", """{"Account":"nl-7","Amount":"lots"}""", typeof(Transfer).FullName);
        var transfer = Guid.NewGuid();
        await SendRawAsync(host, "delivery.transfer", """{"Account":"nl-8","Amount":8}""", typeof(Transfer).FullName, messageId: transfer);

        var run = await DrainAsync(host, concurrency: 1);

        Assert.Equal((2, 1, 1), (run[DeliveryOutcome.Handled], run[DeliveryOutcome.Duplicate], run[DeliveryOutcome.DeadLettered]));
        Assert.Equal([$"delivery.payment p-7", $"delivery.transfer {transfer:D}"], await MarksAsync());
    }

    private async Task<List<string>> MarksAsync()
    {
        await using var command = Database.DataSource.CreateCommand($"SELECT endpoint_id || ' ' || key FROM \"{Schema}\".deduplication ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync();
        var marks = new List<string>();
        while (await reader.ReadAsync())
        {
            marks.Add(reader.GetString(0));
        }

        return marks;
    }
}
