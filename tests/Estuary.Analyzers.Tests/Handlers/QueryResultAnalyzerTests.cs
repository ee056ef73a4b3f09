using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.QueryResultAnalyzer>;

namespace Estuary.Analyzers.Tests.Handlers;

public sealed class QueryResultAnalyzerTests
{
    [Fact]
    public Task Query_handlers_returning_nothing_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public sealed record GetOrder(int Id);
            public sealed record GetInvoice(int Id);
            public sealed record GetRefund(int Id);

            public static class Orders
            {
                [QueryHandler]
                public static {|#0:void|} Get(GetOrder query) { }

                [QueryHandler]
                public static {|#1:Task|} GetInvoice(GetInvoice query) => Task.CompletedTask;

                [QueryHandler]
                public static {|#2:ValueTask|} GetRefund(GetRefund query) => default;
            }
            """,
            VerifyCS.Diagnostic("EST0005").WithLocation(0).WithArguments("Orders.Get"),
            VerifyCS.Diagnostic("EST0005").WithLocation(1).WithArguments("Orders.GetInvoice"),
            VerifyCS.Diagnostic("EST0005").WithLocation(2).WithArguments("Orders.GetRefund"));

    [Fact]
    public Task Query_handlers_returning_a_value_and_commands_returning_nothing_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public sealed record GetOrder(int Id);
            public sealed record GetInvoice(int Id);
            public sealed record GetRefund(int Id);
            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [QueryHandler]
                public static string Get(GetOrder query) => "order";

                [QueryHandler]
                public static Task<int> GetInvoice(GetInvoice query) => Task.FromResult(1);

                [QueryHandler]
                public static ValueTask<decimal> GetRefund(GetRefund query) => new(1m);

                [CommandHandler]
                public static Task Place(PlaceOrder command) => Task.CompletedTask;
            }
            """);
}
