using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ScheduleAnalyzer>;

namespace Estuary.Analyzers.Tests.Scheduling;

public sealed class ScheduleAnalyzerTests
{
    [Fact]
    public Task Schedules_without_a_name_or_one_timing_or_with_unbindable_parameters_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public static class Jobs
            {
                [{|#0:Scheduled("cleanup")|}]
                public static void Cleanup() { }

                [{|#1:Scheduled("report", EveryMilliseconds = 60000, Cron = "0 * * * *")|}]
                public static void Report() { }

                [{|#2:Scheduled("", Cron = "0 * * * *")|}]
                public static void Nameless() { }

                [Scheduled("tick", EveryMilliseconds = 1000)]
                public static void Tick(ref int {|#3:counter|}) { }
            }
            """,
            VerifyCS.Diagnostic("EST0024").WithLocation(0).WithArguments("Jobs.Cleanup", "give exactly one of EveryMilliseconds (greater than 0) and Cron"),
            VerifyCS.Diagnostic("EST0024").WithLocation(1).WithArguments("Jobs.Report", "give exactly one of EveryMilliseconds (greater than 0) and Cron"),
            VerifyCS.Diagnostic("EST0024").WithLocation(2).WithArguments("Jobs.Nameless", "give the schedule a name, e.g. [Scheduled(\"reports.nightly\", ...)]"),
            VerifyCS.Diagnostic("EST0024").WithLocation(3).WithArguments("Jobs.Tick", "parameter 'counter' cannot be bound (a schedule takes no message: services, CancellationToken and MessageContext only): 'ref' parameters cannot be bound; take it by value"));

    [Fact]
    public Task Schedules_with_one_timing_and_bindable_parameters_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Estuary;

            public interface IStore { Task PurgeAsync(CancellationToken token); }

            public sealed class Jobs(IStore store)
            {
                [Scheduled("cleanup", EveryMilliseconds = 3600000)]
                public Task Cleanup(CancellationToken token) => store.PurgeAsync(token);

                [Scheduled("report", Cron = "0 3 * * *", TimeZone = "Europe/Paris")]
                public static void Report(IStore store, MessageContext context) { }
            }
            """);
}
