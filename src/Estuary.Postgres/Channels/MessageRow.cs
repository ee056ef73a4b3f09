using System;
using System.IO;
using Estuary.Channels;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>How a <see cref="ChannelMessage"/> is written to and read from a queue row.</summary>
internal static class MessageRow
{
    /// <summary>The columns a receive returns, in the order <see cref="Read(NpgsqlDataReader, out Exception?)"/> expects.</summary>
    public const string Columns = "message_id, endpoint_id, message_name, headers::text, payload, priority, attempts, available_at, expires_at";

    public static string InsertSql(PostgresSchema schema) => InsertSql(schema.Queue, string.Empty, string.Empty);

    /// <summary>An insert of a message row into <paramref name="table"/>, with more columns and values (from $12 on) appended.</summary>
    public static string InsertSql(string table, string moreColumns, string moreValues) => $"""
        INSERT INTO {table} (channel, message_id, endpoint_id, message_name, headers, payload, priority, attempts, available_at, expires_at, created_at{moreColumns})
        VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11{moreValues})
        """;

    /// <summary>Adds the parameters of <see cref="InsertSql(PostgresSchema)"/>. A message without <see cref="ChannelMessage.AvailableAt"/> is available from <paramref name="now"/>.</summary>
    public static void AddInsertParameters(NpgsqlParameterCollection parameters, string channel, ChannelMessage message, DateTimeOffset now)
    {
        parameters.Add(Parameters.Text(channel));
        parameters.Add(Parameters.Uuid(message.MessageId));
        parameters.Add(Parameters.Text(PostgresText.Storable(message.EndpointId)));
        parameters.Add(Parameters.NullableText(message.MessageName is { } name ? PostgresText.Storable(name) : null));
        parameters.Add(Parameters.Text(HeadersJson.Write(message.Headers)));
        parameters.Add(Parameters.Bytes(message.Payload));
        parameters.Add(Parameters.Integer(message.Priority));
        parameters.Add(Parameters.Integer(message.Attempts));
        parameters.Add(Parameters.Timestamp(message.AvailableAt ?? now));
        parameters.Add(Parameters.NullableTimestamp(message.ExpiresAt));
        parameters.Add(Parameters.Timestamp(now));
    }

    /// <summary>
    /// Reads a row selected with <see cref="Columns"/>. Headers that cannot be read (a row written by
    /// another program) do not fail the read: the message comes without them, and
    /// <paramref name="readError"/> says why, so the consumer dead-letters it instead of stopping.
    /// </summary>
    public static ChannelMessage Read(NpgsqlDataReader reader, out Exception? readError) => Read(reader, 0, out readError);

    /// <summary>As <see cref="Read(NpgsqlDataReader, out Exception?)"/>, for <see cref="Columns"/> selected from ordinal <paramref name="first"/> on.</summary>
    public static ChannelMessage Read(NpgsqlDataReader reader, int first, out Exception? readError)
    {
        var messageId = reader.GetGuid(first);
        var headersJson = reader.GetString(first + 3);
        readError = HeadersJson.TryRead(headersJson, out var headers, out var problem) ? null : Unreadable(messageId, headersJson, problem);
        return new ChannelMessage
        {
            MessageId = messageId,
            EndpointId = reader.GetString(first + 1),
            MessageName = reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
            Headers = headers,
            Payload = reader.IsDBNull(first + 4) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(first + 4),
            Priority = reader.GetInt32(first + 5),
            Attempts = reader.GetInt32(first + 6),
            AvailableAt = reader.GetFieldValue<DateTimeOffset>(first + 7),
            ExpiresAt = reader.IsDBNull(first + 8) ? null : reader.GetFieldValue<DateTimeOffset>(first + 8),
        };
    }

    // The headers as stored go into the dead letter's exception details, so nothing of the row is lost.
    private static InvalidDataException Unreadable(Guid messageId, string headersJson, string problem)
    {
        const int MaxKept = 64 * 1024;
        var kept = headersJson.Length <= MaxKept ? headersJson : headersJson[..MaxKept] + " (truncated)";
        return new InvalidDataException(
            $"The headers of message {messageId} cannot be read: {problem}. Headers are a JSON object of text values.",
            new InvalidDataException("The headers column held: " + kept));
    }
}
