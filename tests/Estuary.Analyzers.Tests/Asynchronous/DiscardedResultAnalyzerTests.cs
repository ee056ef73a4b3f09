using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.DiscardedResultAnalyzer>;

namespace Estuary.Analyzers.Tests.Asynchronous;

public sealed class DiscardedResultAnalyzerTests
{
    [Fact]
    public Task Asynchronous_command_handlers_returning_a_value_are_reported_on_the_return_type() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed record CancelOrder(int Id);
            public sealed record ShipOrder(int Id);

            public static class Orders
            {
                [Asynchronous("orders")]
                [CommandHandler]
                public static {|#0:Guid|} Place(PlaceOrder command) => Guid.NewGuid();

                [Asynchronous("orders")]
                [CommandHandler]
                public static {|#1:Task<bool>|} Cancel(CancelOrder command) => Task.FromResult(true);
            }

            [Asynchronous("shipping")]
            public static class Shipping
            {
                [CommandHandler("orders.ship")]
                public static {|#2:ValueTask<string?>|} Ship(ShipOrder command) => new((string?)null);
            }
            """,
            Warning().WithLocation(0).WithArguments("Orders.Place", "Guid"),
            Warning().WithLocation(1).WithArguments("Orders.Cancel", "bool"),
            Warning().WithLocation(2).WithArguments("Shipping.Ship", "string"));

    [Fact]
    public Task Asynchronous_commands_returning_nothing_and_synchronous_commands_returning_a_value_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed record CancelOrder(int Id);
            public sealed record ShipOrder(int Id);
            public sealed record RegisterCustomer(string Name);
            public sealed record OrderPlaced(int Id);

            public static class Orders
            {
                [Asynchronous("orders")]
                [CommandHandler]
                public static void Place(PlaceOrder command) { }

                [Asynchronous("orders")]
                [CommandHandler]
                public static Task Cancel(CancelOrder command) => Task.CompletedTask;

                [Asynchronous("orders")]
                [CommandHandler]
                public static ValueTask Ship(ShipOrder command) => default;

                [CommandHandler]
                public static Guid Register(RegisterCustomer command) => Guid.NewGuid();

                [Asynchronous("orders")]
                [EventHandler]
                public static int Placed(OrderPlaced placed) => 1;
            }
            """);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning() => VerifyCS.Diagnostic("EST0018").WithSeverity(DiagnosticSeverity.Warning);
}
