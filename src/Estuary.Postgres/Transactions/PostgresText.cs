namespace Estuary.Postgres;

/// <summary>Text as PostgreSQL can store it.</summary>
internal static class PostgresText
{
    /// <summary>
    /// <paramref name="text"/> with NUL characters replaced by U+FFFD: PostgreSQL text and jsonb refuse
    /// NUL, and a header or an exception message may hold one. Whatever a failure says, its message must
    /// be storable, or it could never leave its queue.
    /// </summary>
    public static string Storable(string text) => text.Contains('\0', System.StringComparison.Ordinal) ? text.Replace('\0', '\uFFFD') : text;
}
