using System.Collections.Immutable;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

internal enum HandlerKind
{
    Command,
    Query,
    Event,
}

/// <summary>
/// One handler attribute on a method, read with the generator's rules (HandlerParser): whether the
/// generator wires it, and if so with which message. A method carrying two handler attributes is
/// two handlers, as for the generator.
/// </summary>
internal sealed class HandlerInfo
{
    private HandlerInfo(IMethodSymbol method, HandlerKind kind, AttributeData attribute, string? routingKey, IParameterSymbol? messageParameter, bool isWired)
    {
        Method = method;
        Kind = kind;
        Attribute = attribute;
        RoutingKey = routingKey;
        MessageParameter = messageParameter;
        IsWired = isWired;
    }

    public IMethodSymbol Method { get; }

    public HandlerKind Kind { get; }

    public AttributeData Attribute { get; }

    /// <summary>The routing key (commands, queries) or listen-to pattern (events) given to the attribute.</summary>
    public string? RoutingKey { get; }

    /// <summary>The parameter carrying the message, or null for a routing-key-only handler.</summary>
    public IParameterSymbol? MessageParameter { get; }

    public ITypeSymbol? MessageType => MessageParameter?.Type;

    /// <summary>Whether the generator emits an endpoint for it (nothing the analyzers report prevents it).</summary>
    public bool IsWired { get; }

    /// <summary>The name the generator and runtime use in messages: <c>OrderHandler.Place</c>.</summary>
    public string DisplayName => Names.Display(Method);

    public string AttributeName => Kind switch
    {
        HandlerKind.Command => "CommandHandler",
        HandlerKind.Query => "QueryHandler",
        _ => "EventHandler",
    };

    public static ImmutableArray<HandlerInfo> Read(IMethodSymbol method, EstuarySymbols symbols)
    {
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
        {
            return ImmutableArray<HandlerInfo>.Empty;
        }

        var handlers = ImmutableArray.CreateBuilder<HandlerInfo>();
        foreach (var attribute in method.GetAttributes())
        {
            var kind = KindOf(attribute.AttributeClass, symbols);
            if (kind is not null)
            {
                handlers.Add(Create(method, kind.Value, attribute));
            }
        }

        return handlers.ToImmutable();
    }

    private static HandlerKind? KindOf(INamedTypeSymbol? attributeClass, EstuarySymbols symbols)
    {
        if (EstuarySymbols.Is(attributeClass, symbols.CommandHandler))
        {
            return HandlerKind.Command;
        }

        if (EstuarySymbols.Is(attributeClass, symbols.QueryHandler))
        {
            return HandlerKind.Query;
        }

        return EstuarySymbols.Is(attributeClass, symbols.EventHandler) ? HandlerKind.Event : null;
    }

    // Mirrors HandlerParser.Parse step by step: any change there must be made here too.
    private static HandlerInfo Create(IMethodSymbol method, HandlerKind kind, AttributeData attribute)
    {
        var routingKey = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var hasMessage = HandlerRules.FirstParameterIsMessage(method, routingKey is not null);
        var message = hasMessage ? method.Parameters[0] : null;
        var wired = CanCall(method) && (hasMessage || routingKey is not null)
            && (kind != HandlerKind.Query || HandlerRules.HasResult(HandlerRules.ClassifyReturn(method, out _)))
            && (message is null || IsBindableMessage(message))
            && AllBindable(method, hasMessage);
        return new HandlerInfo(method, kind, attribute, routingKey, message, wired);
    }

    /// <summary>Whether generated code can call the handler: HandlerParser's first test.</summary>
    public static bool CanCall(IMethodSymbol method)
    {
        var type = method.ContainingType;
        return !HandlerRules.IsGeneric(method) && HandlerRules.IsCallableFromAssembly(method)
            && (method.IsStatic || !(type.IsAbstract || type.IsStatic || type.TypeKind != TypeKind.Class));
    }

    public static bool IsBindableMessage(IParameterSymbol message) =>
        message.RefKind is not (RefKind.Ref or RefKind.Out) && message.Type.TypeKind is not (TypeKind.TypeParameter or TypeKind.Pointer);

    private static bool AllBindable(IMethodSymbol method, bool hasMessage)
    {
        for (var i = hasMessage ? 1 : 0; i < method.Parameters.Length; i++)
        {
            if (HandlerRules.ClassifyParameter(method.Parameters[i], isInterceptor: false, out _) == ParameterBinding.Unbindable)
            {
                return false;
            }
        }

        return true;
    }
}
