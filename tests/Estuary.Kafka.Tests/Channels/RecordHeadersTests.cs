using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Confluent.Kafka;
using Estuary.Channels;
using Xunit;

namespace Estuary.Kafka.Tests.Channels;

/// <summary>
/// The headers of a read envelope (<see cref="RecordHeaders"/>, decoded when read) against a model: the
/// dictionary of decoded texts the envelope held before, built eagerly from the same records.
/// </summary>
public sealed class RecordHeadersTests
{
    private static readonly string[] s_names =
    [
        "message-id", "correlation-id", "causation-id", "timestamp", "content-type", "message-name", "endpoint-id",
        "partition-key", "attempts", "priority", "available-at", "note", "tenant", "received-offset",
    ];

    [Fact]
    public void Thousands_of_random_records_read_as_an_eagerly_decoded_dictionary_of_their_headers_would()
    {
        var random = new Random(20261206);
        var texts = new RepeatedHeaderTexts();
        for (var step = 0; step < 3_000; step++)
        {
            var record = RandomRecord(random, step);
            var expected = Model(record, out var expectedError);

            var (message, error) = KafkaEnvelope.Read(record, random.Next(2) == 0 ? texts : null);

            Assert.Equal(expectedError, error is not null);
            var headers = message.Headers;
            Assert.Equal(expected.Count, headers.Count);

            // Read in a random order, some twice, then walked: every way of reading gives the model's texts.
            foreach (var name in expected.Keys.OrderBy(_ => random.Next()).Take(random.Next(expected.Count + 1)))
            {
                Assert.True(headers.TryGetValue(name, out var value));
                Assert.Equal(expected[name], value);
                Assert.Equal(expected[name], headers[name]);
            }

            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), headers.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), headers.Keys.Order(StringComparer.Ordinal));
            Assert.False(headers.ContainsKey("endpoint-id"));
            Assert.False(headers.TryGetValue("absent", out _));
        }
    }

    [Fact]
    public void A_message_id_shared_by_other_headers_and_the_key_is_one_string()
    {
        var id = Guid.NewGuid().ToString("D");
        var idBytes = Encoding.UTF8.GetBytes(id);
        var record = Consumed(new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(id),
            Value = "{}"u8.ToArray(),
            Headers = new Headers { { "correlation-id", Encoding.UTF8.GetBytes(id) }, { "endpoint-id", "e"u8.ToArray() }, { "message-id", idBytes } },
        });

        var headers = KafkaEnvelope.Read(record).Message.Headers;

        Assert.Same(headers["message-id"], headers["correlation-id"]);
        Assert.Same(headers["message-id"], headers[MessageHeaderNames.PartitionKey]);
    }

    /// <summary>The headers the envelope must show: every valid header decoded (the last of a name wins), then its own.</summary>
    private static Dictionary<string, string> Model(ConsumeResult<byte[]?, byte[]?> record, out bool error)
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        error = false;
        foreach (var header in record.Message.Headers ?? [])
        {
            try
            {
                headers[header.Key] = strict.GetString(header.GetValueBytes());
            }
            catch (DecoderFallbackException)
            {
                error = true;
            }
        }

        if (!headers.ContainsKey("partition-key") && record.Message.Key is { Length: > 0 } key)
        {
            try
            {
                headers["partition-key"] = strict.GetString(key);
            }
            catch (DecoderFallbackException)
            {
            }
        }

        headers["received-topic"] = record.Topic;
        headers["received-partition"] = record.Partition.Value.ToString(CultureInfo.InvariantCulture);
        headers["received-offset"] = record.Offset.Value.ToString(CultureInfo.InvariantCulture);
        var foreign = !headers.Remove("endpoint-id");
        if (!Guid.TryParse(headers.GetValueOrDefault("message-id"), out _))
        {
            if (foreign)
            {
                var id = headers.GetValueOrDefault("message-id") ?? $"{record.Topic}/{record.Partition.Value}/{record.Offset.Value}";
                headers["message-id"] = StableMessageIds.From("estuary.kafka.message-id", id).ToString("D");
            }
            else
            {
                error = true;
            }
        }

        foreach (var read in new[] { "attempts", "priority", "available-at", "expires-at" })
        {
            headers.Remove(read);
        }

        return headers;
    }

    private static ConsumeResult<byte[]?, byte[]?> RandomRecord(Random random, int step)
    {
        var id = Guid.NewGuid().ToString("D");
        var headers = new Headers();
        for (var i = random.Next(9); i > 0; i--)
        {
            var name = s_names[random.Next(s_names.Length)];
            headers.Add(name, random.Next(12) switch
            {
                0 => [0xC3, 0x28],                                         // not UTF-8
                1 => Encoding.UTF8.GetBytes("Zürich → 東京"),
                2 or 3 => Encoding.UTF8.GetBytes(id),                      // the id's text, as correlation ids are
                4 => Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("D")),
                5 => [],
                6 => "application/json"u8.ToArray(),
                7 => Encoding.UTF8.GetBytes(random.Next(5).ToString(CultureInfo.InvariantCulture)),
                _ => Encoding.UTF8.GetBytes($"v{random.Next(4)}"),
            });
        }

        if (random.Next(3) > 0)
        {
            headers.Add("message-id", Encoding.UTF8.GetBytes(id));
        }

        var message = new Message<byte[]?, byte[]?>
        {
            Key = random.Next(4) switch { 0 => null, 1 => [0xFF], 2 => Encoding.UTF8.GetBytes($"key-{step % 7}"), _ => Encoding.UTF8.GetBytes(id) },
            Value = "{}"u8.ToArray(),
            Headers = headers,
        };
        return Consumed(message, offset: step, partition: random.Next(3));
    }

    private static ConsumeResult<byte[]?, byte[]?> Consumed(Message<byte[]?, byte[]?> message, long offset = 0, int partition = 0) => new()
    {
        Message = message,
        TopicPartitionOffset = new TopicPartitionOffset("orders", partition, offset),
    };
}
