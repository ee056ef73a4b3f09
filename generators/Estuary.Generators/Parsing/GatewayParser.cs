using System.Collections.Generic;
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
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not INamedTypeSymbol type
            || type.IsGenericType || !HandlerRules.IsCallableFromAssembly(type))
        {
            return null;
        }

        var buses = type.AllInterfaces.Select(HandlerRules.MetadataName).Where(InterceptorParser.IsBusName).OrderBy(n => n, System.StringComparer.Ordinal).ToList();
        if (buses.Count == 0)
        {
            return null;
        }

        // The generated class only implements what the bus base class provides.
        if (type.GetMembers().Any() || type.AllInterfaces.Any(i => !InterceptorParser.IsBusName(HandlerRules.MetadataName(i)) && i.GetMembers().Any()))
        {
            return null;
        }

        return new GatewayModel(SymbolNames.Ref(type), SymbolNames.Namespace(type), buses.ToEquatableArray());
    }

    public static BusinessMethodModel? ParseBusinessMethod(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || method.ContainingType.TypeKind != TypeKind.Interface
            || method.ContainingType.IsGenericType || !HandlerRules.IsCallableFromAssembly(method.ContainingType))
        {
            return null;
        }

        // The interface is implemented whole or not at all: one member the generator cannot
        // implement would leave the class incomplete.
        var members = method.ContainingType.GetMembers().Concat(method.ContainingType.AllInterfaces.SelectMany(i => i.GetMembers()));
        foreach (var member in members)
        {
            if (member.IsAbstract && !member.IsStatic && (member is not IMethodSymbol sibling || ParseMethod(sibling) is null))
            {
                return null;
            }
        }

        return ParseMethod(method);
    }

    private static BusinessMethodModel? ParseMethod(IMethodSymbol method)
    {
        var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && HandlerRules.MetadataName(c) == KnownNames.BusinessMethodAttribute);
        if (method.MethodKind != MethodKind.Ordinary || method.IsGenericMethod || attribute?.ConstructorArguments.FirstOrDefault().Value is not string routingKey)
        {
            return null;
        }

        string? payloadParameter = null;
        string? payloadType = null;
        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            var binding = HandlerRules.ClassifyParameter(parameter, isInterceptor: false, out _);
            if (payloadParameter is null && binding is ParameterBinding.Service && parameter.RefKind == RefKind.None)
            {
                payloadParameter = parameter.Name;
                payloadType = SymbolNames.Full(parameter.Type);
                continue;
            }

            var model = ParameterParser.Parse(parameter, isInterceptor: false);
            if (model is null || model.Binding is not (ParameterBinding.Header or ParameterBinding.CancellationToken or ParameterBinding.AllHeaders))
            {
                return null;
            }

            parameters.Add(model);
        }

        var returnKind = HandlerRules.ClassifyReturn(method, out var resultType);
        var parameterList = string.Join(", ", method.Parameters.Select(p => SymbolNames.Full(p.Type) + " " + ArgumentEmitter.Identifier(p.Name)));
        return new BusinessMethodModel(
            method.Name,
            routingKey,
            payloadParameter,
            payloadType,
            parameters.ToEquatableArray(),
            returnKind,
            resultType is null ? null : SymbolNames.Full(resultType),
            method.ReturnsVoid ? "void" : SymbolNames.Full(method.ReturnType),
            parameterList);
    }

    public static ImmutableArray<BusinessInterfaceModel> GroupBusinessInterfaces(ImmutableArray<(TypeRef Interface, string Namespace, BusinessMethodModel Method)> methods) =>
        methods
            .GroupBy(m => m.Interface)
            .OrderBy(g => g.Key.FullName, System.StringComparer.Ordinal)
            .Select(g => new BusinessInterfaceModel(g.Key, g.First().Namespace, g.Select(m => m.Method).ToEquatableArray()))
            .ToImmutableArray();
}
