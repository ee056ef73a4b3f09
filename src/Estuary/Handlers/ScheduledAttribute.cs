using System;

namespace Estuary;

/// <summary>
/// Runs a method on a schedule, inside every host that composes its module: every
/// <see cref="EveryMilliseconds"/>, or on the <see cref="Cron"/> expression. The method takes no
/// message; its parameters are services, <see cref="System.Threading.CancellationToken"/> and
/// <see cref="MessageContext"/>, as for a handler.
/// </summary>
/// <remarks>
/// Occurrences are aligned to the clock (an interval counts from the Unix epoch), so every host
/// computes the same ones, and each occurrence is sent with a message id derived from the schedule
/// name and its time. Add <see cref="AsynchronousAttribute"/> and each occurrence goes through that
/// channel with retries, the dead letter, and deduplication by message id: with a PostgreSQL
/// channel, an occurrence runs once however many hosts are up.
/// </remarks>
/// <param name="name">The schedule's name (also its endpoint id, <c>schedule:{name}</c>).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ScheduledAttribute(string name) : Attribute
{
    /// <summary>The schedule's name.</summary>
    public string Name { get; } = name;

    /// <summary>Runs every this many milliseconds.</summary>
    public int EveryMilliseconds { get; set; }

    /// <summary>A cron expression: five fields (minute hour day month weekday), or six with seconds first.</summary>
    public string? Cron { get; set; }

    /// <summary>The time zone of <see cref="Cron"/> (an IANA or Windows id); UTC when unset.</summary>
    public string? TimeZone { get; set; }
}
