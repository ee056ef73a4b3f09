using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.HandlerMessageAnalyzer>;

namespace Estuary.Analyzers.Tests.Handlers;

public sealed class HandlerMessageAnalyzerTests
{
    [Fact]
    public Task A_handler_without_parameters_or_routing_key_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public static class Orders
            {
                [CommandHandler]
                public static void {|#0:Archive|}() { }

                [EventHandler]
                public static void {|#1:Audit|}() { }
            }
            """,
            VerifyCS.Diagnostic("EST0004").WithLocation(0).WithArguments("Orders.Archive", "CommandHandler"),
            VerifyCS.Diagnostic("EST0004").WithLocation(1).WithArguments("Orders.Audit", "EventHandler"));

    [Fact]
    public Task A_handler_with_a_routing_key_may_take_no_message() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading;
            using Estuary;

            public static class Orders
            {
                [CommandHandler("orders.archive")]
                public static void Archive() { }

                [QueryHandler("orders.count")]
                public static int Count(CancellationToken cancellationToken) => 0;

                [EventHandler("orders.*")]
                public static void Audit([Header("user")] string user) { }
            }
            """);

    [Fact]
    public Task A_header_on_the_message_parameter_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public static class Orders
            {
                [CommandHandler]
                public static void Archive([Header("user")] string {|#0:user|}) { }
            }
            """,
            VerifyCS.Diagnostic("EST0015").WithLocation(0).WithArguments("user", "Orders.Archive", "CommandHandler").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));

    [Fact]
    public Task A_header_after_the_message_or_with_a_routing_key_is_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record ArchiveOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void Archive(ArchiveOrder command, [Header("user")] string user) { }

                [CommandHandler("orders.archive-all")]
                public static void ArchiveAll([Header("user")] string user) { }
            }
            """);
}
