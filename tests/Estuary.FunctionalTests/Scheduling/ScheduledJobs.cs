using Estuary.FunctionalTests.Asynchronous;

namespace Estuary.FunctionalTests.Scheduling;

public static class ScheduledJobs
{
    [Scheduled("cleanup.every-minute", EveryMilliseconds = 60_000)]
    public static void Cleanup(CallLog log, MessageContext context) => log.Add($"cleanup at {context.Timestamp:HH:mm:ss}");

    /// <summary>Each occurrence goes through a channel, deduplicated by its occurrence id.</summary>
    [Scheduled("reports.nightly", Cron = "0 3 * * *")]
    [Asynchronous(AsyncChannels.Reminders)]
    public static void NightlyReport(CallLog log, MessageContext context) => log.Add($"report for {context.Timestamp:yyyy-MM-dd HH:mm}");
}
