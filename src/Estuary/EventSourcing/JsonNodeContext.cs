using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Estuary;

/// <summary>Metadata for Estuary's own JSON without reflection: upcast events written back to bytes, and encrypted snapshots.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(ProtectedSnapshot))]
internal sealed partial class JsonNodeContext : JsonSerializerContext;
