using System;
using System.Globalization;

namespace Estuary.Cli;

/// <summary>How values read in the commands' output: invariant, so scripts and docs see the same text on every machine.</summary>
internal static class Formats
{
    public static string Plural(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";

    /// <summary>An instant in UTC, to the second: <c>2026-01-01 09:00:00Z</c>.</summary>
    public static string Instant(DateTimeOffset instant) => instant.ToString("u", CultureInfo.InvariantCulture);

    /// <summary>A duration as accepted back by the options (<c>7.00:00:00</c>).</summary>
    public static string Duration(TimeSpan duration) => duration.ToString("c", CultureInfo.InvariantCulture);

    public static string Retry(RetryPolicy policy) => policy.InstantRetries == 0 && policy.DelayedRetries == 0
        ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{policy.InstantRetries} instant, {policy.DelayedRetries} delayed");
}
