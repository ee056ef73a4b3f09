using System;
using System.Collections.Generic;
using System.Text;
using Estuary.Channels;
using RabbitMQ.Client;
using Xunit;

namespace Estuary.RabbitMQ.Tests;

/// <summary>The wire envelope as AMQP properties and headers, both ways, and what another AMQP client may send.</summary>
public sealed class AmqpEnvelopeTests
{
    [Fact]
    public void An_envelope_reads_back_as_it_was_written()
    {
        var sent = new ChannelMessage
        {
            MessageId = Guid.NewGuid(),
            EndpointId = "payments.book",
            MessageName = "payments.payment-received",
            Payload = Encoding.UTF8.GetBytes("{\"OrderId\":\"o-1\"}"),
            Headers = new Dictionary<string, string> { ["tenant"] = "Zürich ☕", ["timestamp"] = "2026-11-26T10:15:00.0000000+00:00", ["content-type"] = "application/json" },
            AvailableAt = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero),
            ExpiresAt = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero),
            Priority = 3,
            Attempts = 2,
        };

        var properties = AmqpEnvelope.Write(sent);
        var (read, error) = AmqpEnvelope.Read(AsReceived(properties), sent.Payload);

        Assert.Null(error);
        Assert.Equal((sent.MessageId, sent.EndpointId, sent.MessageName, sent.AvailableAt, sent.ExpiresAt, sent.Priority, sent.Attempts),
            (read.MessageId, read.EndpointId, read.MessageName, read.AvailableAt, read.ExpiresAt, read.Priority, read.Attempts));
        Assert.Equal(sent.Headers, read.Headers);
        Assert.Equal(sent.Payload.ToArray(), read.Payload.ToArray());
        Assert.True(properties.Persistent);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 15, 0, TimeSpan.Zero).ToUnixTimeSeconds(), properties.Timestamp.UnixTime);
    }

    [Fact]
    public void What_another_amqp_client_sends_is_read_with_numbers_and_booleans_as_invariant_text()
    {
        var id = Guid.NewGuid();
        var properties = new BasicProperties
        {
            MessageId = id.ToString(),
            Type = "orders.place",
            Headers = new Dictionary<string, object?> { ["endpoint-id"] = Encoding.UTF8.GetBytes("orders.place"), ["retries"] = 3L, ["rate"] = 1.5, ["vip"] = true, ["gone"] = null },
        };

        var (read, error) = AmqpEnvelope.Read(properties, new byte[] { 1 });

        Assert.Null(error);
        Assert.Equal((id, "orders.place", "orders.place", 0), (read.MessageId, read.EndpointId, read.MessageName, read.Attempts));
        Assert.Equal(new Dictionary<string, string> { ["retries"] = "3", ["rate"] = "1.5", ["vip"] = "true" }, read.Headers);
    }

    [Fact]
    public void The_brokers_own_headers_are_not_the_messages_so_a_dead_lettered_message_reads_without_its_death_records()
    {
        var properties = new BasicProperties
        {
            MessageId = Guid.NewGuid().ToString(),
            Headers = new Dictionary<string, object?>
            {
                ["endpoint-id"] = Encoding.UTF8.GetBytes("orders.place"),
                ["x-death"] = new List<object?> { new Dictionary<string, object?> { ["queue"] = Encoding.UTF8.GetBytes("orders.wait.2s"), ["count"] = 1L } },
                ["x-first-death-queue"] = Encoding.UTF8.GetBytes("orders.wait.2s"),
                ["tenant"] = Encoding.UTF8.GetBytes("t-1"),
            },
        };

        var (read, error) = AmqpEnvelope.Read(properties, new byte[] { 1 });

        Assert.Null(error);
        Assert.Equal(new Dictionary<string, string> { ["tenant"] = "t-1" }, read.Headers);
    }

    [Theory]
    [InlineData("table", "header 'nested' is a Dictionary`2")]
    [InlineData("no-id", "it has no message id")]
    public void A_message_that_cannot_be_read_entirely_is_a_read_error_with_what_could_be_read(string flaw, string reason)
    {
        var headers = new Dictionary<string, object?> { ["endpoint-id"] = Encoding.UTF8.GetBytes("orders.place"), ["tenant"] = Encoding.UTF8.GetBytes("acme") };
        var properties = new BasicProperties { MessageId = Guid.NewGuid().ToString(), Headers = headers };
        switch (flaw)
        {
            case "table":
                headers["nested"] = new Dictionary<string, object?> { ["a"] = 1 };
                break;
            default:
                properties.MessageId = null;
                break;
        }

        var (read, error) = AmqpEnvelope.Read(properties, new byte[] { 7 });

        Assert.NotNull(error);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("acme", read.Headers["tenant"]);
        Assert.Equal(new byte[] { 7 }, read.Payload.ToArray());
    }

    [Fact]
    public void Another_programs_message_without_estuary_headers_reads_as_naming_no_endpoint_with_a_uuid_from_its_id()
    {
        var headers = new Dictionary<string, object?> { ["source"] = Encoding.UTF8.GetBytes("crm") };

        var (withId, error) = AmqpEnvelope.Read(new BasicProperties { MessageId = "crm-42", Headers = headers }, new byte[] { 1 });
        var (again, _) = AmqpEnvelope.Read(new BasicProperties { MessageId = "crm-42" }, new byte[] { 1 });
        var (other, _) = AmqpEnvelope.Read(new BasicProperties { MessageId = "crm-43" }, new byte[] { 1 });
        var (withoutId, noIdError) = AmqpEnvelope.Read(new BasicProperties(), new byte[] { 1 });
        var (addressed, _) = AmqpEnvelope.Read(
            new BasicProperties { MessageId = Guid.NewGuid().ToString(), Headers = new Dictionary<string, object?> { ["endpoint-id"] = Encoding.UTF8.GetBytes("orders.place") } },
            new byte[] { 1 });

        Assert.Null(error);
        Assert.Null(noIdError);
        Assert.Equal(string.Empty, withId.EndpointId);
        Assert.Equal("crm", withId.Headers["source"]);
        Assert.Equal(withId.MessageId, again.MessageId);               // the same text, the same id: duplicates are recognised
        Assert.NotEqual(withId.MessageId, other.MessageId);
        Assert.Equal(8, withId.MessageId.Version);
        Assert.NotEqual(Guid.Empty, withoutId.MessageId);
        Assert.Equal("orders.place", addressed.EndpointId);           // an Estuary message names its endpoint
    }

    // As the client hands received headers over: text as bytes.
    private static BasicProperties AsReceived(BasicProperties written)
    {
        var headers = new Dictionary<string, object?>();
        foreach (var (name, value) in written.Headers!)
        {
            headers[name] = value is string text ? Encoding.UTF8.GetBytes(text) : value;
        }

        return new BasicProperties(written) { Headers = headers };
    }
}
