using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.CallableHandlerAnalyzer>;
using VerifyFix = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.CallableHandlerAnalyzer, Estuary.CodeFixes.MakeMethodPublicCodeFix>;

namespace Estuary.Analyzers.Tests.Handlers;

public sealed class CallableHandlerAnalyzerTests
{
    [Fact]
    public Task A_private_handler_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                private static void {|#0:Place|}(PlaceOrder command) { }
            }
            """,
            VerifyCS.Diagnostic("EST0007").WithLocation(0).WithArguments("Orders.Place", "it is private; make it public or internal"));

    [Fact]
    public Task Handlers_in_hidden_generic_abstract_or_struct_types_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed record CancelOrder(int Id);
            public sealed record ShipOrder(int Id);
            public sealed record PayOrder(int Id);

            public class Outer
            {
                private sealed class Hidden
                {
                    [CommandHandler]
                    public void {|#0:Place|}(PlaceOrder command) { }
                }
            }

            public sealed class Generic<T>
            {
                [CommandHandler]
                public void {|#1:Cancel|}(CancelOrder command) { }
            }

            public abstract class Base
            {
                [CommandHandler]
                public void {|#2:Ship|}(ShipOrder command) { }
            }

            public struct Payments
            {
                [CommandHandler]
                public void {|#3:Pay|}(PayOrder command) { }
            }

            public sealed class Methods
            {
                [EventHandler]
                public void {|#4:Placed|}<T>(T placed) { }
            }
            """,
            VerifyCS.Diagnostic("EST0007").WithLocation(0).WithArguments("Hidden.Place", "its type 'Hidden' is private; make it internal or public"),
            VerifyCS.Diagnostic("EST0007").WithLocation(1).WithArguments("Generic.Cancel", "its type 'Generic' is generic; declare it in a non-generic class"),
            VerifyCS.Diagnostic("EST0007").WithLocation(2).WithArguments("Base.Ship", "'Base' is abstract, so the container cannot create it; make the class concrete or the method static"),
            VerifyCS.Diagnostic("EST0007").WithLocation(3).WithArguments("Payments.Pay", "'Payments' is a struct; move the handler to a class or make it static"),
            VerifyCS.Diagnostic("EST0007").WithLocation(4).WithArguments("Methods.Placed", "it is generic; remove its type parameters (the generator cannot choose type arguments)"));

    [Fact]
    public Task Callable_handlers_and_interceptors_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed record CancelOrder(int Id);
            public sealed record ShipOrder(int Id);

            public abstract class Orders
            {
                [CommandHandler]
                public static void Place(PlaceOrder command) { }
            }

            internal sealed class Cancellations
            {
                [CommandHandler]
                internal void Cancel(CancelOrder command) { }

                [CommandHandler]
                protected internal void Ship(ShipOrder command) { }
            }

            public struct Stopwatch
            {
                [After]
                public void Stop(object message) { }
            }
            """);

    [Fact]
    public Task A_private_interceptor_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed class Audit
            {
                [Before]
                protected void {|#0:Check|}(object message) { }
            }
            """,
            VerifyCS.Diagnostic("EST0007").WithLocation(0).WithArguments("Audit.Check", "it is protected; make it public or internal"));

    [Fact]
    public Task Making_a_private_handler_public_replaces_its_modifier() =>
        VerifyFix.CodeFixAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                private static void {|EST0007:Place|}(PlaceOrder command) { }
            }
            """,
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void Place(PlaceOrder command) { }
            }
            """);

    [Fact]
    public Task Making_a_handler_without_modifiers_public_adds_the_modifier() =>
        VerifyFix.CodeFixAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed record CancelOrder(int Id);

            public class Orders
            {
                [CommandHandler]
                void {|EST0007:Place|}(PlaceOrder command) { }

                [CommandHandler]
                private protected void {|EST0007:Cancel|}(CancelOrder command) { }
            }
            """,
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed record CancelOrder(int Id);

            public class Orders
            {
                [CommandHandler]
                public void Place(PlaceOrder command) { }

                [CommandHandler]
                public void Cancel(CancelOrder command) { }
            }
            """);

    [Fact]
    public Task A_handler_in_a_private_type_gets_no_code_fix() =>
        VerifyFix.CodeFixAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public class Outer
            {
                private sealed class Hidden
                {
                    [CommandHandler]
                    public void {|EST0007:Place|}(PlaceOrder command) { }
                }
            }
            """,
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public class Outer
            {
                private sealed class Hidden
                {
                    [CommandHandler]
                    public void {|EST0007:Place|}(PlaceOrder command) { }
                }
            }
            """);

    [Fact]
    public Task Handlers_and_interceptors_in_file_local_types_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            file sealed class LocalOrders
            {
                [CommandHandler]
                public void {|#0:Place|}(PlaceOrder command) { }
            }

            file static class LocalAudit
            {
                [Before]
                public static void {|#1:Check|}(object message) { }
            }
            """,
            VerifyCS.Diagnostic("EST0007").WithLocation(0).WithArguments("LocalOrders.Place", "its type 'LocalOrders' is file-local, so generated files cannot name it; remove the 'file' modifier"),
            VerifyCS.Diagnostic("EST0007").WithLocation(1).WithArguments("LocalAudit.Check", "its type 'LocalAudit' is file-local, so generated files cannot name it; remove the 'file' modifier"));
}
