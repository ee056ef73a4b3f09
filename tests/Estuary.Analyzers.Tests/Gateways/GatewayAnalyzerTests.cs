using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.GatewayAnalyzer>;

namespace Estuary.Analyzers.Tests.Gateways;

public sealed class GatewayAnalyzerTests
{
    [Fact]
    public Task A_gateway_declaring_members_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public interface IAuditing
            {
                void Flush();
            }

            public interface {|#0:IOrdersBus|} : ICommandBus
            {
                void Archive();
            }

            public interface {|#1:IBillingBus|} : IQueryBus, IAuditing { }

            public interface {|#2:IGenericBus|}<T> : IEventBus { }
            """,
            Warning().WithLocation(0).WithArguments("IOrdersBus", "ICommandBus", "it declares 'Archive'; a gateway only carries the bus's own members, so move 'Archive' to another interface (or implement the interface yourself and suppress this warning)"),
            Warning().WithLocation(1).WithArguments("IBillingBus", "IQueryBus", "it declares 'Flush'; a gateway only carries the bus's own members, so move 'Flush' to another interface (or implement the interface yourself and suppress this warning)"),
            Warning().WithLocation(2).WithArguments("IGenericBus", "IEventBus", "it is generic; declare a non-generic interface per gateway"));

    [Fact]
    public Task Empty_gateways_and_plain_interfaces_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public interface IOrdersBus : ICommandBus, IQueryBus { }
            public interface IAuditedOrdersBus : IOrdersBus { }
            public interface IClock { System.DateTime Now { get; } }
            """);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning() => VerifyCS.Diagnostic("EST0014").WithSeverity(DiagnosticSeverity.Warning);

    [Fact]
    public Task A_file_local_gateway_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            file interface {|#0:ILocalBus|} : ICommandBus { }
            """,
            Warning().WithLocation(0).WithArguments("ILocalBus", "ICommandBus", "it or a type containing it is file-local, so generated files cannot name it; remove the 'file' modifier"));
}
