using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Replaces the JSON of each sensitive member with <c>{"$protected":"base64"}</c> on write, and back
/// on read; a member whose subject was forgotten reads as <c>null</c>. Other members stay readable,
/// so projections and tools keep working on what is not personal.
/// </summary>
internal static class SensitiveMembers
{
    private const string Marker = "$protected";

    public static async ValueTask<byte[]> ProtectAsync(IEventPayloadProtector protector, MessageType type, byte[] json, string subject, CancellationToken cancellationToken)
    {
        var node = Parse(json, type);
        foreach (var name in type.SensitiveJsonNames)
        {
            if (node[name] is { } value)
            {
                var cipher = await protector.ProtectAsync(subject, Encoding.UTF8.GetBytes(value.ToJsonString()), cancellationToken).ConfigureAwait(false);
                node[name] = new JsonObject { [Marker] = Convert.ToBase64String(cipher) };
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(node, JsonNodeContext.Default.JsonObject);
    }

    public static async ValueTask<byte[]> UnprotectAsync(IEventPayloadProtector protector, MessageType type, byte[] json, string subject, CancellationToken cancellationToken)
    {
        var node = Parse(json, type);
        foreach (var name in type.SensitiveJsonNames)
        {
            if (node[name] is JsonObject wrapped && wrapped[Marker] is JsonValue marker && marker.TryGetValue<string>(out var base64))
            {
                var plain = await protector.UnprotectAsync(subject, Convert.FromBase64String(base64), cancellationToken).ConfigureAwait(false);
                node[name] = plain is null ? null : JsonNode.Parse(plain);
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(node, JsonNodeContext.Default.JsonObject);
    }

    private static JsonObject Parse(byte[] json, MessageType type) =>
        JsonNode.Parse(json) as JsonObject ?? throw new MessageConversionException($"'{type.Name}' has [Sensitive] members but its JSON is not an object.");
}
