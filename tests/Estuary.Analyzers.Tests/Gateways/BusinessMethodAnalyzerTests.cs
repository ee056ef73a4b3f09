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
            VerifyCS.Diagnostic("EST0016").WithLocation(0).WithArguments("IOrders.Place", "parameter 'clock' is not the payload (the first class, struct or record parameter; primitives and strings are headers), a [Header(\"name\")] value, MessageHeaders or a CancellationToken; remove it or mark it [Header(\"clock\")]"),
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

    // As a routing-key handler's first parameter: a Guid or a record struct is a payload; a string is a header.
    [Fact]
    public Task Structs_and_Guids_are_payloads_and_a_string_must_be_a_header() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Estuary;

            public readonly record struct OrderNumber(int Value);
            public sealed record OrderStatus(string State);

            public interface IOrderApi
            {
                [BusinessMethod("order.status")]
                Task<OrderStatus> StatusAsync(Guid orderId);

                [BusinessMethod("order.by-number")]
                Task<OrderStatus> ByNumberAsync(OrderNumber number);

                [BusinessMethod("order.by-name")]
                Task<OrderStatus> ByNameAsync(string {|#0:name|});
            }
            """,
            VerifyCS.Diagnostic("EST0016").WithLocation(0).WithArguments("IOrderApi.ByNameAsync", "parameter 'name' is not the payload (the first class, struct or record parameter; primitives and strings are headers), a [Header(\"name\")] value, MessageHeaders or a CancellationToken; remove it or mark it [Header(\"name\")]"));

    [Fact]
    public Task Business_methods_of_an_interface_the_generator_cannot_implement_whole_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public interface ICounting
            {
                Task<int> CountLocalAsync();
            }

            // CountLocalAsync has no [BusinessMethod]: no class is generated for IOrders at all.
            public interface IOrders : ICounting
            {
                [BusinessMethod("orders.place")]
                Task {|#0:Place|}(PlaceOrder order);

                [BusinessMethod("orders.cancel")]
                Task {|#1:Cancel|}(PlaceOrder order);
            }

            // Only the broken method is reported; its sibling fails because of it.
            public interface IShipping
            {
                [BusinessMethod("shipping.ship")]
                Task Ship(PlaceOrder order, int {|#2:priority|});

                [BusinessMethod("shipping.track")]
                Task Track(PlaceOrder order);
            }

            public interface IGeneric<T>
            {
                [BusinessMethod("generic.send")]
                Task {|#3:Send|}(PlaceOrder order);
            }

            public class Outer
            {
                private interface IHidden
                {
                    [BusinessMethod("hidden.send")]
                    Task {|#4:Send|}(PlaceOrder order);
                }
            }
            """,
            VerifyCS.Diagnostic("EST0016").WithLocation(0).WithArguments("IOrders.Place", "'ICounting.CountLocalAsync' is not a [BusinessMethod] Estuary can implement, and an interface is implemented whole or not at all; make it a [BusinessMethod] or move it to another interface"),
            VerifyCS.Diagnostic("EST0016").WithLocation(1).WithArguments("IOrders.Cancel", "'ICounting.CountLocalAsync' is not a [BusinessMethod] Estuary can implement, and an interface is implemented whole or not at all; make it a [BusinessMethod] or move it to another interface"),
            VerifyCS.Diagnostic("EST0016").WithLocation(2).WithArguments("IShipping.Ship", "parameter 'priority' is not the payload (the first class, struct or record parameter; primitives and strings are headers), a [Header(\"name\")] value, MessageHeaders or a CancellationToken; remove it or mark it [Header(\"priority\")]"),
            VerifyCS.Diagnostic("EST0016").WithLocation(3).WithArguments("IGeneric.Send", "its interface 'IGeneric' is generic; declare the business methods in a non-generic interface"),
            VerifyCS.Diagnostic("EST0016").WithLocation(4).WithArguments("IHidden.Send", "its interface 'IHidden' or a type containing it is private or protected; make it internal or public"));
}
