using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Estuary.FunctionalTests.Scheduling;

public sealed class ScheduleTests
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 10, 14, 30, 15, TimeSpan.Zero);

    [Fact]
    public async Task Host_lists_its_schedules_with_occurrences_aligned_to_the_clock()
    {
        await using var host = AsyncTestHost.Create();
        var schedules = host.GetRequiredService<EstuarySchedules>();

        var cleanup = schedules.Timers.Single(t => t.Name == "cleanup.every-minute");
        var nightly = schedules.Timers.Single(t => t.Name == "reports.nightly");

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 14, 31, 0, TimeSpan.Zero), cleanup.Next(s_start));
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 3, 0, 0, TimeSpan.Zero), nightly.Next(s_start));
    }

    [Fact]
    public async Task Triggering_a_synchronous_schedule_runs_it_with_the_occurrence_as_timestamp()
    {
        await using var host = AsyncTestHost.Create();

        await host.GetRequiredService<EstuarySchedules>().TriggerAsync("cleanup.every-minute", s_start);

        Assert.Equal(["cleanup at 14:30:15"], host.Log());
    }

    [Fact]
    public async Task An_asynchronous_schedule_occurrence_runs_once_however_often_it_is_triggered()
    {
        await using var host = AsyncTestHost.Create();
        var schedules = host.GetRequiredService<EstuarySchedules>();
        var occurrence = new DateTimeOffset(2026, 3, 11, 3, 0, 0, TimeSpan.Zero);

        // Two hosts (or a restart) triggering the same occurrence send the same message id.
        await schedules.TriggerAsync("reports.nightly", occurrence);
        await schedules.TriggerAsync("reports.nightly", occurrence);
        var run = await host.Drain(AsyncChannels.Reminders);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(1, run[DeliveryOutcome.Duplicate]);
        Assert.Equal(["report for 2026-03-11 03:00"], host.Log());
        Assert.Equal(EstuarySchedules.OccurrenceId("reports.nightly", occurrence), EstuarySchedules.OccurrenceId("reports.nightly", occurrence));
        Assert.NotEqual(EstuarySchedules.OccurrenceId("reports.nightly", occurrence), EstuarySchedules.OccurrenceId("reports.nightly", occurrence.AddDays(1)));
    }

    [Fact]
    public async Task Background_scheduler_triggers_occurrences_as_the_clock_passes_them()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var host = TestHost.Create(
            services => services.AddSingleton<TimeProvider>(clock),
            estuary => estuary.AddModule<FunctionalTestsModule>().AddTestChannels());
        var scheduler = host.GetServices<IHostedService>().Single(s => s.GetType().Name == "SchedulerHostedService");

        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            // The scheduler's loop starts on the thread pool, so the clock keeps moving a minute at
            // a time until two occurrences ran, whenever the loop began waiting.
            for (var i = 0; i < 200 && host.Log().Length < 2; i++)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(20);
            }
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }

        var times = host.Log().Take(2).Select(entry => TimeSpan.Parse(entry["cleanup at ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, times.Length);
        Assert.All(times, time => Assert.Equal(0, time.Seconds));
        Assert.Equal(TimeSpan.FromMinutes(1), times[1] - times[0]);
    }
}
