using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Estuary.Kafka;

/// <summary>
/// What a host's Kafka channels share: the cluster's settings and the producer. A singleton of the host;
/// disposing it ends the consumers (their stored offsets are committed and they leave their groups), then
/// flushes and closes the producer.
/// </summary>
internal sealed class KafkaTransport : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, KafkaChannel> _channels = new(StringComparer.Ordinal);
    private readonly Lazy<KafkaProducer> _producer;

    public KafkaTransport(KafkaOptions options, ILogger logger)
    {
        Options = options;
        Logger = logger;
        _producer = new(() => new KafkaProducer(ProducerSettings(options)));
    }

    public KafkaOptions Options { get; }

    public ILogger Logger { get; }

    /// <summary>The host's producer, built on first use.</summary>
    public KafkaProducer Producer => _producer.Value;

    /// <summary>The channels created so far (a channel is created on first use).</summary>
    public IEnumerable<KafkaChannel> Channels => _channels.Values;

    public void Register(KafkaChannel channel) => _channels[channel.Name] = channel;

    /// <summary>The channel named <paramref name="name"/>, if it was created.</summary>
    public KafkaChannel? Channel(string name) => _channels.TryGetValue(name, out var channel) ? channel : null;

    /// <summary>The producer's settings: Estuary's defaults that do not lose data, then the host's own.</summary>
    internal static Dictionary<string, string> ProducerSettings(KafkaOptions options)
    {
        var settings = Common(options);
        settings["enable.idempotence"] = "true";
        settings["acks"] = "all";
        settings["linger.ms"] = "5";

        // A send needs only whether its record was written: a report that carried the record's key, value
        // and headers would copy them back from librdkafka, one array per header, for every record.
        settings["dotnet.producer.delivery.report.fields"] = "status";
        settings["message.timeout.ms"] = ((long)options.ProduceTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        Overlay(settings, options.Client);
        Overlay(settings, options.Producer);
        if (!Is(settings, "enable.idempotence", "true") || !(Is(settings, "acks", "all") || Is(settings, "acks", "-1")))
        {
            throw new ArgumentException(
                "Kafka producer settings: Estuary produces with enable.idempotence=true and acks=all; anything else can lose or reorder messages when a broker fails. Remove the override.");
        }

        return settings;
    }

    /// <summary>A channel's consumer settings: offsets stored by Estuary after each record's work, committed in the background.</summary>
    internal Dictionary<string, string> ConsumerSettings(KafkaChannelOptions channel)
    {
        var settings = Common(Options);
        settings["group.id"] = channel.GroupId;
        settings["enable.auto.commit"] = "true";
        settings["auto.commit.interval.ms"] = ((long)channel.CommitInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        settings["auto.offset.reset"] = "earliest";
        settings["enable.partition.eof"] = "true";

        // A fetch waits at most this long for new records: a message sent to an idle channel is handled
        // within about this (librdkafka's default, 500 ms, is made for throughput at rest).
        settings["fetch.wait.max.ms"] = "100";

        // Partitions move one by one when members or topics come and go (a retry topic created later, say),
        // instead of every member giving up all of its partitions at each change.
        settings["partition.assignment.strategy"] = "cooperative-sticky";
        Overlay(settings, Options.Client);
        Overlay(settings, Options.Consumer);
        settings["enable.auto.offset.store"] = "false";
        settings["enable.partition.eof"] = "true";
        return settings;
    }

    private static Dictionary<string, string> Common(KafkaOptions options) => new(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = options.BootstrapServers,
        ["client.id"] = options.ClientId ?? AppDomain.CurrentDomain.FriendlyName,
    };

    private static void Overlay(Dictionary<string, string> settings, IDictionary<string, string> overrides)
    {
        foreach (var (name, value) in overrides)
        {
            settings[name] = value;
        }
    }

    private static bool Is(Dictionary<string, string> settings, string name, string value) =>
        settings.TryGetValue(name, out var actual) && string.Equals(actual, value, StringComparison.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels.Values)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }

        if (_producer.IsValueCreated)
        {
            await Task.Run(_producer.Value.Dispose).ConfigureAwait(false);
        }
    }
}
