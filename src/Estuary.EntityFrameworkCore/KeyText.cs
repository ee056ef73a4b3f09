using System;
using System.Globalization;

namespace Estuary.EntityFrameworkCore;

/// <summary>
/// Reads an identifier back from the invariant text generated endpoints give repositories (see
/// <c>AggregateRuntime.Id</c>: <see cref="Guid"/> in "D" format, numbers and dates invariant, date and
/// time values round-trip "O"), as the CLR type of a key property.
/// </summary>
internal static class KeyText
{
    /// <summary>The key types an identifier text converts to, as named in errors.</summary>
    public const string Supported =
        "string, Guid, an integer type (byte to ulong), decimal, bool, an enum, DateTime, DateTimeOffset, DateOnly, TimeOnly or TimeSpan";

    /// <summary>A parser for keys of <paramref name="type"/>, or <see langword="null"/> when identifiers cannot be of that type.</summary>
    public static Func<string, object>? ParserFor(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            // Formatted by name (Enum.ToString), read back by name or number.
            return text => Enum.Parse(type, text, ignoreCase: false);
        }

        var invariant = CultureInfo.InvariantCulture;
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => static text => text,
            TypeCode.Boolean => static text => bool.Parse(text),
            TypeCode.Byte => text => byte.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.SByte => text => sbyte.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Int16 => text => short.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.UInt16 => text => ushort.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Int32 => text => int.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.UInt32 => text => uint.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Int64 => text => long.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.UInt64 => text => ulong.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Decimal => text => decimal.Parse(text, NumberStyles.Number, invariant),
            TypeCode.DateTime => text => DateTime.Parse(text, invariant, DateTimeStyles.RoundtripKind),
            _ when type == typeof(Guid) => static text => Guid.Parse(text),
            _ when type == typeof(DateTimeOffset) => text => DateTimeOffset.Parse(text, invariant, DateTimeStyles.RoundtripKind),
            _ when type == typeof(DateOnly) => text => DateOnly.Parse(text, invariant),
            _ when type == typeof(TimeOnly) => text => TimeOnly.Parse(text, invariant),
            _ when type == typeof(TimeSpan) => text => TimeSpan.Parse(text, invariant),
            _ => null,
        };
    }
}
