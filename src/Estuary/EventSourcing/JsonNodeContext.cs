using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Estuary;

/// <summary>Metadata for writing upcast JSON back to bytes without reflection.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class JsonNodeContext : JsonSerializerContext;
