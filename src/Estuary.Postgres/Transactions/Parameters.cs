using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Npgsql;
using NpgsqlTypes;

namespace Estuary.Postgres;

/// <summary>
/// Positional parameters typed without inference from the value, so NULLs carry their column type and
/// only the basic type mappings are needed (a slim data source works).
/// </summary>
internal static class Parameters
{
    public static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    public static NpgsqlParameter NullableText(string? value) =>
        new() { Value = value is null ? DBNull.Value : value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter<Guid> Uuid(Guid value) => new() { TypedValue = value };

    public static NpgsqlParameter<int> Integer(int value) => new() { TypedValue = value };

    public static NpgsqlParameter<long> Bigint(long value) => new() { TypedValue = value };

    // An array as its text literal, cast in SQL ($1::bigint[]): arrays need a type mapping a slim data source lacks.
    public static NpgsqlParameter<string> Bigints(IReadOnlyList<long> values) =>
        new() { TypedValue = "{" + string.Join(',', values.Select(static v => v.ToString(CultureInfo.InvariantCulture))) + "}" };

    // xid8: a transaction id with its epoch, as PostgreSQL 13+ reports it.
    public static NpgsqlParameter<ulong> TransactionId(ulong value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Xid8 };

    // UTF-8 JSON text, sent as jsonb: the server parses it, so no serializer is involved on this side.
    public static NpgsqlParameter<ReadOnlyMemory<byte>> Jsonb(ReadOnlyMemory<byte> value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Jsonb };

    public static NpgsqlParameter<ReadOnlyMemory<byte>> Bytes(ReadOnlyMemory<byte> value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bytea };

    // timestamptz takes UTC only: Npgsql refuses a DateTimeOffset with another offset.
    public static NpgsqlParameter<DateTimeOffset> Timestamp(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };

    public static NpgsqlParameter NullableTimestamp(DateTimeOffset? value) =>
        new() { Value = value is { } at ? at.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
