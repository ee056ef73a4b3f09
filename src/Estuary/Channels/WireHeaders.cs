using System;
using System.Globalization;

namespace Estuary.Channels;

/// <summary>
/// How header values are written on a channel: as invariant text that the receiving side converts
/// back to the type a handler parameter asks for (see <c>docs/wire-format.md</c>).
/// </summary>
public static class WireHeaders
{
    /// <summary>A UUID as header text (lowercase, with hyphens), without boxing it.</summary>
    public static string Format(Guid value) => value.ToString("D");

    /// <summary>An instant as header text (round-trip format), without boxing it.</summary>
    public static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats a header value, or returns <see langword="null"/> for a null value (null headers are not sent).</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        Guid id => id.ToString("D"),
        DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
        DateTime instant => instant.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        Enum member => member.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Reads a duration header given in milliseconds (a number) or as a <see cref="TimeSpan"/>.</summary>
    public static bool TryGetMilliseconds(object? value, out TimeSpan duration)
    {
        switch (value)
        {
            case TimeSpan span:
                duration = span;
                return true;
            case int ms:
                duration = TimeSpan.FromMilliseconds(ms);
                return true;
            case long ms:
                duration = TimeSpan.FromMilliseconds(ms);
                return true;
            case double ms:
                duration = TimeSpan.FromMilliseconds(ms);
                return true;
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms):
                duration = TimeSpan.FromMilliseconds(ms);
                return true;
            default:
                duration = default;
                return false;
        }
    }
}
