using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.BusinessMethodAnalyzer>;

namespace Estuary.Analyzers.Tests.Gateways;

public sealed class BusinessMethodAnalyzerTests
{
    [Fact]
    public Task A_business_method_parameter_that_is_not_part_of_the_send_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed class Clock { }

            public interface IOrders
            {
                [BusinessMethod("orders.place")]
                Task Place(PlaceOrder order, Clock {|#0:clock|});

                [BusinessMethod("orders.count")]
                Task<int> {|#1:Count|}<T>();
            }

            public sealed class NotAnInterface
            {
                [BusinessMethod("orders.cancel")]
                public void {|#2:Cancel|}() { }
            }
            """,
            VerifyCS.Diagnostic("EST0016").WithLocation(0).WithArguments("IOrders.Place", "parameter 'clock' is not the payload (the first object parameter), a [Header(\"name\")] value, MessageHeaders or a CancellationToken; remove it or mark it [Header(\"clock\")]"),
            VerifyCS.Diagnostic("EST0016").WithLocation(1).WithArguments("IOrders.Count", "it is generic; remove its type parameters"),
            VerifyCS.Diagnostic("EST0016").WithLocation(2).WithArguments("NotAnInterface.Cancel", "it is not declared in an interface; Estuary implements [BusinessMethod] methods of interfaces"));

    [Fact]
    public Task Payload_headers_and_token_are_accepted() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public interface IOrders
            {
                [BusinessMethod("orders.place")]
                Task Place(PlaceOrder order, [Header("user")] string user, MessageHeaders headers, CancellationToken cancellationToken);

                [BusinessMethod("orders.count")]
                int Count();
            }
            """);
}
