using System;
using System.Globalization;
using System.Text;
using System.Threading;

namespace Estuary.Kafka;

/// <summary>
/// The text of the headers whose value repeats from record to record of a channel (the content type, the
/// message name, the endpoint id), decoded once while it repeats: a record whose value is the same bytes as
/// the last one's shares its string. One per consumer, used by its polling thread while it reads a record
/// and by handlers decoding a record's headers when read (<see cref="RecordHeaders"/>): safe from several
/// threads (a lost update only decodes again).
/// </summary>
internal sealed class RepeatedHeaderTexts
{
    private static readonly string?[] s_partitions = new string?[256];

    private readonly Last _contentType = new();
    private readonly Last _messageName = new();
    private readonly Last _endpointId = new();

    /// <summary>The text of <paramref name="bytes"/> (strict UTF-8: invalid bytes throw), shared with the last record's when equal.</summary>
    public string Decode(string header, byte[] bytes, UTF8Encoding strict) => header switch
    {
        MessageHeaderNames.ContentType => _contentType.Decode(bytes, strict),
        MessageHeaderNames.MessageName => _messageName.Decode(bytes, strict),
        KafkaEnvelope.EndpointIdHeader => _endpointId.Decode(bytes, strict),
        _ => strict.GetString(bytes),
    };

    /// <summary>A partition number as text; the common ones are made once per process.</summary>
    public static string Partition(int partition)
    {
        if ((uint)partition >= (uint)s_partitions.Length)
        {
            return partition.ToString(CultureInfo.InvariantCulture);
        }

        return s_partitions[partition] ??= partition.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class Last
    {
        private Entry? _entry;

        public string Decode(byte[] bytes, UTF8Encoding strict)
        {
            if (Volatile.Read(ref _entry) is { } last && bytes.AsSpan().SequenceEqual(last.Bytes))
            {
                return last.Text;
            }

            var text = strict.GetString(bytes);
            Volatile.Write(ref _entry, new Entry(bytes, text));
            return text;
        }
    }

    private sealed record Entry(byte[] Bytes, string Text);
}
