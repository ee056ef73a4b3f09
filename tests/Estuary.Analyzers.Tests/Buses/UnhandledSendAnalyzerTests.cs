using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.UnhandledSendAnalyzer>;

namespace Estuary.Analyzers.Tests.Buses;

public sealed class UnhandledSendAnalyzerTests
{
    private static readonly MetadataReference s_contracts = ReferencedModule.Create(
        "Shop.Contracts",
        "Shop.Contracts",
        "ContractsModule",
        "namespace Shop.Contracts { public sealed record ShipOrder(int Id); }");

    [Fact]
    public Task Sending_a_command_or_query_nothing_handles_is_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                """
                using System.Threading.Tasks;
                using Estuary;

                public sealed record PlaceOrder(int Id);
                public readonly record struct GetOrder(int Id);

                public static class Program
                {
                    public static void Main() { }

                    public static async Task Run(ICommandBus commands, IQueryBus queries)
                    {
                        await commands.SendAsync({|#0:new PlaceOrder(1)|});
                        await commands.SendAsync({|#1:new PlaceOrder(2)|}, new MessageHeaders());
                        string order = await queries.SendAsync<string>({|#2:new GetOrder(1)|});
                    }
                }
                """,
            },
            test => test.TestState.OutputKind = OutputKind.ConsoleApplication,
            Warning().WithLocation(0).WithArguments("command", "PlaceOrder", "CommandHandler"),
            Warning().WithLocation(1).WithArguments("command", "PlaceOrder", "CommandHandler"),
            Warning().WithLocation(2).WithArguments("query", "GetOrder", "QueryHandler"));

    [Fact]
    public Task Handled_foreign_abstract_and_derived_messages_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                """
                using System.Threading.Tasks;
                using Estuary;
                using Shop.Contracts;

                public sealed record PlaceOrder(int Id);
                public interface IOrderCommand { }
                public class CancelOrder { }
                public sealed class CancelOrderNow : CancelOrder { }

                public static class Orders
                {
                    [CommandHandler]
                    public static void Place(PlaceOrder command) { }

                    [CommandHandler]
                    public static void Cancel(CancelOrderNow command) { }
                }

                public static class Program
                {
                    public static void Main() { }

                    public static async Task Run(ICommandBus commands, IOrderCommand command, CancelOrder cancel)
                    {
                        await commands.SendAsync(new PlaceOrder(1));
                        await commands.SendAsync(new ShipOrder(1));
                        await commands.SendAsync(command);
                        await commands.SendAsync(cancel);
                        await commands.SendWithRoutingAsync("orders.archive");
                    }
                }
                """,
            },
            test =>
            {
                test.TestState.OutputKind = OutputKind.ConsoleApplication;
                test.TestState.AdditionalReferences.Add(s_contracts);
            });

    [Fact]
    public Task Libraries_are_not_checked_because_a_referencing_project_may_handle_their_messages() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Checkout
            {
                public static async Task Run(ICommandBus commands) => await commands.SendAsync(new PlaceOrder(1));
            }
            """);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning() => VerifyCS.Diagnostic("EST0013").WithSeverity(DiagnosticSeverity.Warning);
}
