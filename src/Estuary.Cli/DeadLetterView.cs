using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Estuary.Channels;

namespace Estuary.Cli;

/// <summary>Everything about one dead letter, as <c>estuary deadletter show</c> prints it.</summary>
internal static class DeadLetterView
{
    private const string Indent = "  ";

    // Strict: a payload that is not valid UTF-8 is shown as Base64 rather than with replacement characters.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Write(DeadLetter entry, TextWriter output)
    {
        var message = entry.Message;
        Field(output, "Message id", entry.Id.ToString());
        Field(output, "Endpoint id", message.EndpointId);
        Field(output, "Channel", entry.Channel);
        Field(output, "Message name", message.MessageName ?? "(no payload)");
        Field(output, "Failed at", Formats.Instant(entry.FailedAt));
        Field(output, "Attempts", message.Attempts.ToString(CultureInfo.InvariantCulture) + " failed deliveries before the last one");
        Field(output, "Priority", message.Priority.ToString(CultureInfo.InvariantCulture));
        if (message.AvailableAt is { } availableAt)
        {
            Field(output, "Available at", Formats.Instant(availableAt));
        }

        if (message.ExpiresAt is { } expiresAt)
        {
            Field(output, "Expires at", Formats.Instant(expiresAt));
        }

        Field(output, "Reason", entry.Reason);
        Field(output, "Exception", entry.ExceptionType ?? "(none)");

        output.WriteLine(message.Headers.Count == 0 ? "Headers: (none)" : "Headers:");
        foreach (var header in message.Headers.OrderBy(static h => h.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{Indent}{header.Key}: {header.Value}");
        }

        WritePayload(message, output);

        if (entry.ExceptionDetails is { } details)
        {
            output.WriteLine("Exception details:");
            Block(output, details);
        }
    }

    /// <summary>What identifies a dead letter and why it is there, as <c>estuary deadletter delete --dry-run</c> prints it.</summary>
    public static void WriteSummary(DeadLetter entry, TextWriter output)
    {
        Field(output, "Message id", entry.Id.ToString());
        Field(output, "Endpoint id", entry.Message.EndpointId);
        Field(output, "Channel", entry.Channel);
        Field(output, "Failed at", Formats.Instant(entry.FailedAt));
        Field(output, "Reason", entry.Reason);
    }

    private static void WritePayload(ChannelMessage message, TextWriter output)
    {
        if (message.Payload.IsEmpty)
        {
            output.WriteLine("Payload: (empty)");
            return;
        }

        var contentType = message.Headers.TryGetValue(MessageHeaderNames.ContentType, out var declared) ? declared : "application/json";
        var size = Formats.Plural(message.Payload.Length, "byte");
        if (IsText(contentType) && TryDecode(message.Payload.Span, out var text))
        {
            output.WriteLine($"Payload ({size}, {contentType}):");
            Block(output, text);
        }
        else
        {
            output.WriteLine($"Payload ({size}, {contentType}, Base64):");
            Block(output, Convert.ToBase64String(message.Payload.Span));
        }
    }

    private static bool IsText(string contentType) =>
        contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);

    private static bool TryDecode(ReadOnlySpan<byte> payload, out string text)
    {
        try
        {
            text = s_strictUtf8.GetString(payload);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static void Field(TextWriter output, string name, string value) => output.WriteLine($"{name + ":",-15}{value}");

    private static void Block(TextWriter output, string text)
    {
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            output.WriteLine((Indent + line).TrimEnd());
        }
    }
}
