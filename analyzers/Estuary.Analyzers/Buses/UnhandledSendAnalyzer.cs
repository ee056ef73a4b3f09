using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Estuary.Analyzers;

/// <summary>
/// EST0013: a send of a message that has a handler binds to the generated typed overload; one that
/// binds to the generic fallback in BusExtensions has no handler in this project. Commands and
/// queries are routed by their exact run-time type, and no referenced assembly can declare a
/// handler for a type declared here, so for such a type the send can only fail at run time.
/// Only application projects are checked: a library's message may be handled by a project that
/// references the library.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnhandledSendAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnhandledSend);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols)
    {
        if (symbols.BusExtensions is null || context.Compilation.Options.OutputKind is OutputKind.DynamicallyLinkedLibrary or OutputKind.NetModule)
        {
            return;
        }

        context.RegisterOperationAction(
            c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                var method = invocation.TargetMethod;
                if (method.Name != "SendAsync" || !EstuarySymbols.Is(method.ContainingType, symbols.BusExtensions) || method.Parameters.Length < 2)
                {
                    return;
                }

                var bus = method.Parameters[0].Type as INamedTypeSymbol;
                HandlerKind? kind = EstuarySymbols.Is(bus, symbols.CommandBus) ? HandlerKind.Command : EstuarySymbols.Is(bus, symbols.QueryBus) ? HandlerKind.Query : null;
                var message = invocation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, method.Parameters[1]))?.Value;
                if (kind is null || message is null || Unwrap(message).Type is not INamedTypeSymbol type || !IsLocalConcreteType(type, c.Compilation))
                {
                    return;
                }

                var index = EstuaryIndex.For(c.Compilation, symbols, c.CancellationToken);
                if (!index.Handlers.Any(h => h.Kind == kind && h.MessageType is INamedTypeSymbol handled && CanReceive(handled, type)))
                {
                    var (name, attribute) = kind == HandlerKind.Command ? ("command", "CommandHandler") : ("query", "QueryHandler");
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.UnhandledSend, message.Syntax.GetLocation(), name, Names.Type(type), attribute));
                }
            },
            OperationKind.Invocation);
    }

    /// <summary>A class, record or struct declared in this project, so only this project can handle it.</summary>
    private static bool IsLocalConcreteType(INamedTypeSymbol type, Compilation compilation) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct && !type.IsAbstract
        && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly);

    /// <summary>Whether a handler of <paramref name="handled"/> may get the sent value: the same type, or one derived from it at run time.</summary>
    private static bool CanReceive(INamedTypeSymbol handled, INamedTypeSymbol sent)
    {
        for (var current = handled; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, sent))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation Unwrap(IOperation operation) =>
        operation is IConversionOperation { IsImplicit: true } conversion ? Unwrap(conversion.Operand) : operation;
}
