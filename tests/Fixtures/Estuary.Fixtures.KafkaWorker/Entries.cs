using System;
using System.Text;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Estuary.Fixtures.KafkaWorker;

/// <summary>An entry to record once.</summary>
public sealed record RecordEntry(string EntryId);

public static class Entries
{
    public const string Channel = "entries";

    /// <summary>The stream every handled entry appends to: one event per handling, so a second handling shows.</summary>
    public const string Stream = "entries";

    /// <summary>Appends in the delivery's transaction, with its deduplication mark; prints before the commit.</summary>
    [CommandHandler]
    [Asynchronous(Channel)]
    public static async Task Record(RecordEntry entry, IEventStore events)
    {
        var data = new EventData(Guid.NewGuid(), "entry.recorded", Encoding.UTF8.GetBytes($$"""{"EntryId":"{{entry.EntryId}}"}"""), EventMetadata.Empty);
        await events.AppendAsync(Stream, ExpectedVersion.Any, [data]);
        Console.WriteLine("handled " + entry.EntryId);
    }
}

[JsonSerializable(typeof(RecordEntry))]
internal sealed partial class EntriesJson : JsonSerializerContext;
