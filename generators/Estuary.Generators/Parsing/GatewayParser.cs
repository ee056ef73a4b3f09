using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Estuary.SourceGeneration;

/// <summary>Finds gateway interfaces (deriving from a bus interface) and business interfaces ([BusinessMethod] methods).</summary>
internal static class GatewayParser
{
    /// <summary>Cheap syntax filter: interfaces with a base list may derive from a bus interface.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
        node is InterfaceDeclarationSyntax { BaseList.Types.Count: > 0 };

    public static GatewayModel? ParseGateway(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not INamedTypeSymbol type || !GatewayShape.IsGateway(type))
        {
            return null;
        }

        var buses = BusTypes.BusesOf(type).Select(HandlerRules.MetadataName).OrderBy(n => n, System.StringComparer.Ordinal);
        var channel = type.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.AsynchronousAttribute)) is { ConstructorArguments.Length: 1 } attribute
            ? attribute.ConstructorArguments[0].Value as string
            : null;
        return new GatewayModel(SymbolNames.Ref(type), SymbolNames.Namespace(type), buses.ToEquatableArray(), string.IsNullOrEmpty(channel) ? null : channel);
    }

    /// <summary>A [BusinessMethod] with no BusinessMethodShape problem, else null (the analyzers report why).</summary>
    public static BusinessMethodModel? ParseBusinessMethod(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || BusinessMethodShape.Check(method) is not null)
        {
            return null;
        }

        var payload = BusinessMethodShape.Payload(method);
        var parameters = method.Parameters.Where(p => p.Ordinal != payload?.Ordinal).Select(p => ParameterParser.Parse(p, isInterceptor: false));
        var returnKind = HandlerRules.ClassifyReturn(method, out var resultType);
        return new BusinessMethodModel
        {
            Declared = SymbolNames.Declared(method),
            RoutingKey = BusinessMethodShape.RoutingKey(method)!,
            PayloadParameter = payload?.Name,
            PayloadType = payload is null ? null : SymbolNames.Full(payload.Type),
            Parameters = parameters.ToEquatableArray(),
            Return = returnKind,
            ResultType = resultType is null ? null : SymbolNames.Full(resultType),
        };
    }

    public static ImmutableArray<BusinessInterfaceModel> GroupBusinessInterfaces(ImmutableArray<(TypeRef Interface, string Namespace, BusinessMethodModel Method)> methods) =>
        InterfaceMethods.Group(methods, static (type, ns, all) => new BusinessInterfaceModel(type, ns, all));
}
