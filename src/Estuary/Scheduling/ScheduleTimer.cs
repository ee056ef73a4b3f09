using System;
using Cronos;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// When a schedule's occurrences fall. Interval occurrences are multiples of the interval since the
/// Unix epoch, and cron occurrences are what the expression says: either way every host computes
/// the same instants, which is what makes per-occurrence message ids agree across hosts.
/// </summary>
public sealed class ScheduleTimer
{
    private readonly long _intervalTicks;
    private readonly CronExpression? _cron;
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.Utc;

    internal ScheduleTimer(Endpoint endpoint, ScheduleDescription description)
    {
        Endpoint = endpoint;
        Description = description;
        if (description.EveryMilliseconds is { } every and > 0)
        {
            _intervalTicks = every * TimeSpan.TicksPerMillisecond;
            return;
        }

        var expression = description.Cron ?? throw Invalid(description, "it has neither EveryMilliseconds nor Cron");
        try
        {
            var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            _cron = CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException exception)
        {
            throw Invalid(description, $"'{expression}' is not a valid cron expression ({exception.Message})");
        }

        if (description.TimeZone is { } zone)
        {
            try
            {
                _timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
            }
            catch (TimeZoneNotFoundException)
            {
                throw Invalid(description, $"time zone '{zone}' is not known on this machine");
            }
        }
    }

    /// <summary>The schedule's name.</summary>
    public string Name => Description.Name;

    /// <summary>What the generator knew about the schedule.</summary>
    public ScheduleDescription Description { get; }

    internal Endpoint Endpoint { get; }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or <see langword="null"/> when a cron expression has none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        if (_cron is null)
        {
            var sinceEpoch = after.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            var next = ((sinceEpoch / _intervalTicks) + 1) * _intervalTicks;
            return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + next, TimeSpan.Zero);
        }

        return _cron.GetNextOccurrence(after, _timeZone);
    }

    /// <inheritdoc />
    public override string ToString() => Name + " (" + (_cron is null ? $"every {TimeSpan.FromTicks(_intervalTicks)}" : $"cron '{Description.Cron}'") + ")";

    private static EstuaryException Invalid(ScheduleDescription description, string why) =>
        new($"Schedule '{description.Name}' cannot run: {why}.");
}
