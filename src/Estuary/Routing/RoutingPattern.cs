using System;

namespace Estuary.Runtime;

/// <summary>
/// Matches event names against <see cref="EventHandlerAttribute.ListenTo"/> patterns, where
/// <c>*</c> matches any run of characters (<c>order.*</c>, <c>*.placed</c>, <c>*</c>).
/// </summary>
public static class RoutingPattern
{
    /// <summary>Whether <paramref name="name"/> matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string name) => Matches(pattern.AsSpan(), name.AsSpan());

    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return pattern.SequenceEqual(name);
        }

        var prefix = pattern[..star];
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var restPattern = pattern[(star + 1)..];
        var restName = name[prefix.Length..];
        if (restPattern.IsEmpty)
        {
            return true;
        }

        // Try every split point for the star; patterns are short, so this stays cheap.
        for (var skip = 0; skip <= restName.Length; skip++)
        {
            if (Matches(restPattern, restName[skip..]))
            {
                return true;
            }
        }

        return false;
    }
}
