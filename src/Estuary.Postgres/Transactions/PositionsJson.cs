using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Estuary.Postgres;

/// <summary>
/// Keys with a version each, as the JSON array <c>[{"stream_id": ..., "after_version": ...}]</c> that SQL
/// reads with <c>jsonb_to_recordset</c>: lists go to the server as JSON, since a slim data source has no array types.
/// </summary>
internal static class PositionsJson
{
    public static byte[] Write(IEnumerable<(string Key, long Version)> positions, string keyName = "stream_id", string versionName = "after_version")
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (key, version) in positions)
            {
                writer.WriteStartObject();
                writer.WriteString(keyName, key);
                writer.WriteNumber(versionName, version);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
