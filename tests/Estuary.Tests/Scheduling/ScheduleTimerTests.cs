using System;
using Estuary.Runtime;
using Xunit;

namespace Estuary.Tests.Scheduling;

public sealed class ScheduleTimerTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 28, 23, 59, 58, TimeSpan.Zero);

    [Fact]
    public void Interval_occurrences_are_multiples_of_the_interval_since_the_epoch()
    {
        var timer = Timer(new ScheduleDescription("tick", EveryMilliseconds: 15 * 60_000));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), timer.Next(s_now));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 15, 0, TimeSpan.Zero), timer.Next(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Six_field_cron_counts_seconds()
    {
        var timer = Timer(new ScheduleDescription("pulse", Cron: "*/10 * * * * *"));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), timer.Next(s_now));
    }

    [Fact]
    public void Cron_in_a_time_zone_follows_its_clock_across_a_daylight_saving_change()
    {
        // Europe/Paris moves from UTC+1 to UTC+2 on 29 March 2026 at 02:00 local time.
        var timer = Timer(new ScheduleDescription("morning", Cron: "0 9 * * *", TimeZone: "Europe/Paris"));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), timer.Next(s_now)!.Value.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero), timer.Next(s_now.AddDays(-1))!.Value.ToUniversalTime());
    }

    [Theory]
    [InlineData("61 * * * *", null, "not a valid cron expression")]
    [InlineData("0 9 * * *", "Mars/Olympus", "time zone 'Mars/Olympus'")]
    public void Invalid_schedules_fail_when_the_host_reads_them(string cron, string? zone, string expected)
    {
        var error = Assert.Throws<EstuaryException>(() => Timer(new ScheduleDescription("bad", Cron: cron, TimeZone: zone)));

        Assert.Contains("Schedule 'bad' cannot run", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Occurrence_ids_are_stable_and_distinct_per_schedule_and_instant()
    {
        var id = EstuarySchedules.OccurrenceId("reports", s_now);

        Assert.Equal(id, EstuarySchedules.OccurrenceId("reports", s_now));
        Assert.NotEqual(id, EstuarySchedules.OccurrenceId("reports", s_now.AddTicks(1)));
        Assert.NotEqual(id, EstuarySchedules.OccurrenceId("billing", s_now));
        Assert.Equal(8, id.Version);
    }

    private static ScheduleTimer Timer(ScheduleDescription description) => new(new NoOpEndpoint(description), description);

    private sealed class NoOpEndpoint(ScheduleDescription schedule) : RequestEndpoint<object, Nothing>(
        new EndpointDescription(EndpointKind.Command, "Jobs.Run", "schedule:" + schedule.Name, "Tests", "schedule:" + schedule.Name, IsSynchronous: true, HasPayload: false, Schedule: schedule))
    {
        public override Nothing Invoke(object request, MessageContext context) => default;
    }
}
