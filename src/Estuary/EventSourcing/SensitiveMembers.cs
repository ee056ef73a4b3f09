using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Replaces the JSON of each sensitive member with <c>{"$sealed":"base64"}</c> on write, bound to the
/// subject, the event's id and the member's name; and back on read, where a member whose subject was
/// forgotten reads as <c>null</c>. Other members stay readable, so projections and tools keep working on
/// what is not personal. Values written before the binding (<c>{"$protected":"base64"}</c>, bound to the
/// subject only) are still read.
/// </summary>
internal static class SensitiveMembers
{
    private const string Sealed = "$sealed";
    private const string SubjectOnly = "$protected";

    public static async ValueTask<byte[]> ProtectAsync(
        IEventPayloadProtector protector, MessageType type, byte[] json, string subject, Guid eventId, CancellationToken cancellationToken)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new MessageConversionException($"'{type.Name}' has [Sensitive] members but its JSON is not an object.");
        foreach (var name in type.SensitiveJsonNames)
        {
            if (node[name] is { } value)
            {
                var cipher = await protector.ProtectAsync(subject, Encoding.UTF8.GetBytes(value.ToJsonString()), Context(eventId, name), cancellationToken).ConfigureAwait(false);
                node[name] = new JsonObject { [Sealed] = Convert.ToBase64String(cipher) };
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(node, JsonNodeContext.Default.JsonObject);
    }

    /// <summary>
    /// Decrypts, in place, every member of the stored event that holds a protected value, under the name it
    /// was stored with: before upcasting, so an upcaster that renames a member sees it decrypted.
    /// </summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A value was altered or moved from another event or member.</exception>
    public static async ValueTask UnprotectAsync(IEventPayloadProtector protector, JsonObject node, string subject, Guid eventId, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in node.ToArray())
        {
            if (value is not JsonObject { Count: 1 } wrapped)
            {
                continue;
            }

            var (cipher, context) = wrapped[Sealed] is JsonValue sealedValue && sealedValue.TryGetValue<string>(out var bound)
                ? (bound, Context(eventId, name))
                : wrapped[SubjectOnly] is JsonValue legacyValue && legacyValue.TryGetValue<string>(out var legacy)
                    ? (legacy, string.Empty)
                    : (null, string.Empty);
            if (cipher is null)
            {
                continue;
            }

            var plain = await protector.UnprotectAsync(subject, Convert.FromBase64String(cipher), context, cancellationToken).ConfigureAwait(false);
            node[name] = plain is null ? null : JsonNode.Parse(plain);
        }
    }

    private static string Context(Guid eventId, string member) => $"event {eventId:D} member {member}";
}
