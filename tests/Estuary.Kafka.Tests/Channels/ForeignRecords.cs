using System.Text.Json.Serialization;

namespace Estuary.Kafka.Tests.Channels;

/// <summary>What another program writes to its topic: plain JSON, no Estuary header.</summary>
public sealed record CustomerChanged(string CustomerId, string Name);

/// <summary>Reads the records of topic "foreign" that name no endpoint.</summary>
public static class ForeignRecords
{
    public const string Channel = "foreign";

    [MessageConsumer(Channel, EndpointId = "kafka.customers")]
    public static void Import(
        CustomerChanged changed, [Header("partition-key")] string? key, [Header("received-partition")] int partition, [Header("received-offset")] long offset, FragileLog log) =>
        log.Add($"customer {changed.CustomerId} {changed.Name} key={key ?? "-"} at={partition}/{offset}");
}

[JsonSerializable(typeof(CustomerChanged))]
internal sealed partial class ForeignJson : JsonSerializerContext;
