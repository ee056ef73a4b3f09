using System;
using System.Collections.Generic;

namespace Estuary.Kafka;

/// <summary>How a host talks to its Kafka cluster. Set through <c>UseKafka(servers, kafka => kafka.Options...)</c>.</summary>
public sealed class KafkaOptions
{
    /// <summary>The cluster's brokers, <c>host:port</c> separated by commas (librdkafka's <c>bootstrap.servers</c>).</summary>
    public string BootstrapServers { get; set; } = "localhost:9092";

    /// <summary>The client id the brokers log and meter this host's clients by (default: the process name).</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// More librdkafka settings for every client of the host (producer and consumers): security
    /// (<c>security.protocol</c>, <c>sasl.*</c>, <c>ssl.*</c>), timeouts, anything librdkafka reads. Applied
    /// before <see cref="Producer"/> and <see cref="Consumer"/>, which win over it.
    /// </summary>
    public IDictionary<string, string> Client { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// librdkafka settings of the producer, over Estuary's defaults (<c>enable.idempotence=true</c>,
    /// <c>acks=all</c>, <c>linger.ms=5</c>). Turning idempotence or <c>acks=all</c> off can lose or
    /// duplicate messages when a broker fails; Estuary refuses to start with either.
    /// </summary>
    public IDictionary<string, string> Producer { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// librdkafka settings of every channel's consumer, over Estuary's defaults. Offsets are stored by
    /// Estuary after each message's work committed; <c>enable.auto.offset.store</c> cannot be turned on.
    /// </summary>
    public IDictionary<string, string> Consumer { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// How long a produce waits for the brokers' acknowledgement before it fails (default 30 s,
    /// librdkafka's <c>message.timeout.ms</c>). A send that timed out may or may not be stored: the
    /// outbox sends it again, and the receiver deduplicates.
    /// </summary>
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
