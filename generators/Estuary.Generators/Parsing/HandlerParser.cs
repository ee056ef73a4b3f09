using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// Reads a [CommandHandler], [QueryHandler] or [EventHandler] method into a model. Anything the
/// generator cannot wire yields null; the analyzers report those cases with a diagnostic.
/// </summary>
internal static class HandlerParser
{
    public static HandlerModel? Parse(GeneratorAttributeSyntaxContext context, HandlerKind kind, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var attribute = context.Attributes[0];
        var routingKey = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        string? endpointId = null;
        var priority = 0;
        foreach (var named in attribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "EndpointId":
                    endpointId = named.Value.Value as string;
                    break;
                case "Priority" when named.Value.Value is int value:
                    priority = value;
                    break;
            }
        }

        var type = method.ContainingType;
        if (HandlerRules.IsGeneric(method) || !HandlerRules.IsCallableFromAssembly(method)
            || (!method.IsStatic && (type.IsAbstract || type.IsStatic || type.TypeKind != TypeKind.Class)))
        {
            return null;
        }

        var hasMessage = HandlerRules.FirstParameterIsMessage(method, routingKey is not null);
        if (!hasMessage && routingKey is null)
        {
            return null;
        }

        var returnKind = HandlerRules.ClassifyReturn(method, out var resultType);
        if (kind == HandlerKind.Query && !HandlerRules.HasResult(returnKind))
        {
            return null;
        }

        MessageRef? message = null;
        var parameters = new List<ParameterModel>();
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (i == 0 && hasMessage)
            {
                if (parameter.RefKind is RefKind.Ref or RefKind.Out || parameter.Type is not INamedTypeSymbol || parameter.Type.TypeKind == TypeKind.Delegate)
                {
                    return null;
                }

                message = MessageOf(parameter.Type, parameter.Name);
                continue;
            }

            var model = ParameterParser.Parse(parameter, isInterceptor: false);
            if (model is null)
            {
                return null;
            }

            parameters.Add(model);
        }

        return new HandlerModel(
            kind,
            SymbolNames.Ref(type),
            SymbolNames.Namespace(type),
            method.IsStatic,
            method.Name,
            routingKey,
            endpointId,
            priority,
            message,
            parameters.ToEquatableArray(),
            returnKind,
            resultType is null ? null : SymbolNames.Full(resultType),
            Attributes(method).ToEquatableArray(),
            SymbolNames.Hierarchy(type, includeSelf: true),
            method.IsStatic ? null : ParameterParser.Constructor(type),
            (!hasMessage || SymbolNames.IsPublic(method.Parameters[0].Type)) && (resultType is null || SymbolNames.IsPublic(resultType)),
            DeclarationIndex(method));
    }

    /// <summary>
    /// The method's position among its class's members: equal-priority event handlers run in this
    /// order. A member index, unlike a source position, does not change when a comment is edited.
    /// </summary>
    private static int DeclarationIndex(IMethodSymbol method)
    {
        var members = method.ContainingType.GetMembers();
        for (var i = 0; i < members.Length; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(members[i], method))
            {
                return i;
            }
        }

        return members.Length;
    }

    public static MessageRef MessageOf(ITypeSymbol type, string parameterName)
    {
        return new MessageRef(
            parameterName,
            SymbolNames.FullNonNullable(type),
            type.Name,
            SymbolNames.MessageName(type),
            type.IsValueType,
            type.IsAbstract || type.TypeKind == TypeKind.Interface || type.SpecialType == SpecialType.System_Object,
            SymbolNames.Hierarchy(type, includeSelf: false));
    }

    /// <summary>A type carrying [MessageName]: registered even if no handler here takes it, so name patterns match it.</summary>
    public static MessageRef? ParseNamedMessage(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is INamedTypeSymbol { IsGenericType: false } type && HandlerRules.IsCallableFromAssembly(type)
            ? MessageOf(type, string.Empty)
            : null;

    /// <summary>User attributes on the method and its class: what attribute pointcuts match and interceptors may receive.</summary>
    private static IEnumerable<AttributeModel> Attributes(IMethodSymbol method)
    {
        var onMethod = method.GetAttributes().Select(a => (a, true));
        var onType = method.ContainingType.GetAttributes().Select(a => (a, false));
        foreach (var (attribute, isOnMethod) in onMethod.Concat(onType))
        {
            if (attribute.AttributeClass is not { } attributeClass || attributeClass.ContainingNamespace?.ToDisplayString() == "Estuary"
                || attributeClass.TypeKind == TypeKind.Error)
            {
                continue;
            }

            yield return new AttributeModel(
                SymbolNames.FullNonNullable(attributeClass),
                SymbolNames.Hierarchy(attributeClass, includeSelf: true),
                SymbolNames.CreationExpression(attribute),
                isOnMethod);
        }
    }
}
