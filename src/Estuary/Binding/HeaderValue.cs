using System;
using System.ComponentModel;
using System.Globalization;

namespace Estuary.Runtime;

/// <summary>
/// Converts header values to the types of the parameters they bind to. Generated code picks the
/// method for each parameter at compile time, so no type is inspected at run time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HeaderValue
{
    /// <summary>Reads a header as <typeparamref name="T"/>, parsing strings with <see cref="IParsable{TSelf}"/>.</summary>
    public static bool TryParsable<T>(object? raw, out T value)
        where T : IParsable<T>
    {
        switch (raw)
        {
            case T typed:
                value = typed;
                return true;
            case string text when T.TryParse(text, CultureInfo.InvariantCulture, out var parsed):
                value = parsed;
                return true;
            default:
                value = default!;
                return false;
        }
    }

    /// <summary>Reads a header as the enum <typeparamref name="T"/>, from the enum or its name/number as text.</summary>
    public static bool TryEnum<T>(object? raw, out T value)
        where T : struct, Enum
    {
        switch (raw)
        {
            case T typed:
                value = typed;
                return true;
            case string text when Enum.TryParse(text, ignoreCase: true, out value):
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <summary>Reads a header as text; values that are not strings are formatted invariantly.</summary>
    public static bool TryString(object? raw, out string value)
    {
        switch (raw)
        {
            case string text:
                value = text;
                return true;
            case IFormattable formattable:
                value = formattable.ToString(null, CultureInfo.InvariantCulture);
                return true;
            case null:
                value = null!;
                return false;
            default:
                value = raw.ToString() ?? string.Empty;
                return true;
        }
    }

    /// <summary>Reads a header that must already hold a <typeparamref name="T"/>.</summary>
    public static bool TryCast<T>(object? raw, out T value)
    {
        if (raw is T typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }

    internal static bool TryGetGuid(object? raw, out Guid value) => TryParsable(raw, out value);
}
