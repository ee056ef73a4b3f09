using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.DeliveryOptionAnalyzer>;

namespace Estuary.Analyzers.Tests.Asynchronous;

public sealed class DeliveryOptionAnalyzerTests
{
    private const string Synchronous = "it runs during the send, not through a channel; add [Asynchronous(\"channel\")] to it, or remove [";

    [Fact]
    public Task Delivery_options_on_a_synchronous_handler_are_reported_one_by_one() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record SendReminder(string Customer);

            public static class Reminders
            {
                [CommandHandler]
                [{|#0:Delayed(60_000)|}]
                [{|#1:TimeToLive(5_000)|}]
                [{|#2:Retry(Instant = 1)|}]
                [{|#3:Deduplicated(nameof(SendReminder.Customer))|}]
                public static void Send(SendReminder command) { }
            }
            """,
            Warning().WithLocation(0).WithArguments("Delayed", "Reminders.Send", Synchronous + "Delayed]"),
            Warning().WithLocation(1).WithArguments("TimeToLive", "Reminders.Send", Synchronous + "TimeToLive]"),
            Warning().WithLocation(2).WithArguments("Retry", "Reminders.Send", Synchronous + "Retry]"),
            Warning().WithLocation(3).WithArguments("Deduplicated", "Reminders.Send", Synchronous + "Deduplicated]"));

    [Fact]
    public Task Delivery_options_on_a_method_that_is_no_handler_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public static class Reminders
            {
                [Asynchronous("reminders")]
                [{|#0:Retry|}]
                public static void Send(string customer) { }
            }
            """,
            Warning().WithLocation(0).WithArguments("Retry", "Reminders.Send", "it is not a handler; remove [Retry]"));

    [Fact]
    public Task Delivery_options_on_a_class_without_asynchronous_handlers_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record SendReminder(string Customer);

            [{|#0:Retry(Delayed = 0)|}]
            [{|#1:Delayed(1_000)|}]
            public static class Reminders
            {
                [CommandHandler]
                public static void Send(SendReminder command) { }
            }
            """,
            Warning().WithLocation(0).WithArguments("Retry", "Reminders", "none of its handlers is asynchronous; add [Asynchronous(\"channel\")] to the class or to its handlers, or remove [Retry]"),
            Warning().WithLocation(1).WithArguments("Delayed", "Reminders", "none of its handlers is asynchronous; add [Asynchronous(\"channel\")] to the class or to its handlers, or remove [Delayed]"));

    [Fact]
    public Task Delivery_options_that_reach_an_asynchronous_handler_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record SendReminder(string Customer);
            public sealed record ShowBanner(string Text);
            public sealed record PaymentReceived(string Reference);

            public static class Reminders
            {
                [Asynchronous("reminders")]
                [CommandHandler]
                [Delayed(60_000)]
                [TimeToLive(120_000)]
                [Retry(Instant = 0)]
                [Deduplicated(nameof(SendReminder.Customer))]
                public static void Send(SendReminder command) { }
            }

            // The class's options apply to its asynchronous handler.
            [Retry(Delayed = 0)]
            [TimeToLive(5_000)]
            public static class Banners
            {
                [Asynchronous("reminders")]
                [CommandHandler]
                public static void Show(ShowBanner command) { }

                [CommandHandler("banners.clear")]
                public static void Clear() { }
            }

            // [Asynchronous] on the class makes every handler in it asynchronous.
            [Asynchronous("payments")]
            [Retry]
            public static class Payments
            {
                [EventHandler]
                [Deduplicated(nameof(PaymentReceived.Reference))]
                public static void Book(PaymentReceived received) { }
            }
            """);

    [Fact]
    public Task An_option_an_interceptor_reads_is_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public sealed record SendReminder(string Customer);

            public static class Reminders
            {
                [CommandHandler]
                [Retry(Instant = 3)]
                [{|#0:Delayed(1_000)|}]
                public static void Send(SendReminder command) { }
            }

            public static class LocalRetries
            {
                [Around]
                public static async ValueTask<object?> Retry(IInvocation invocation, RetryAttribute retry)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            return await invocation.ProceedAsync();
                        }
                        catch when (attempt < retry.Instant)
                        {
                        }
                    }
                }
            }
            """,
            Warning().WithLocation(0).WithArguments("Delayed", "Reminders.Send", Synchronous + "Delayed]"));

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning() => VerifyCS.Diagnostic("EST0021").WithSeverity(DiagnosticSeverity.Warning);
}
