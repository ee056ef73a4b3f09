using System;
using System.Text.Json.Serialization;

namespace Estuary.Kafka.Tests.Channels;

/// <summary>A command whose handler fails with <see cref="Reason"/> unless it is empty.</summary>
public sealed record Fragile(string Label, string Reason);

/// <summary>Handles <see cref="Fragile"/> with the retries of its channel (no endpoint retry policy of its own).</summary>
public static class FragileHandler
{
    public const string Channel = "fragile";

    [CommandHandler(EndpointId = "kafka.fragile")]
    [Asynchronous(Channel)]
    public static void Handle(Fragile command, FragileLog log)
    {
        log.Add(command.Reason.Length == 0 ? "handled " + command.Label : "failing " + command.Label);
        if (command.Reason.Length > 0)
        {
            throw new InvalidOperationException(command.Reason);
        }
    }
}

/// <summary>What the handler did, in order.</summary>
public sealed class FragileLog
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _entries = new();

    public string[] Entries => [.. _entries];

    public void Add(string entry) => _entries.Enqueue(entry);
}

[JsonSerializable(typeof(Fragile))]
internal sealed partial class FragileJson : JsonSerializerContext;
