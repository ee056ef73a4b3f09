using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>
/// One handler attribute on a method, read with the generator's rules (HandlerShape): whether the
/// generator wires it, and if not, every reason why. A method carrying two handler attributes is
/// two handlers, as for the generator.
/// </summary>
internal sealed class HandlerInfo
{
    private PointcutTarget? _target;
    private AggregateReading? _aggregate;

    private HandlerInfo(IMethodSymbol method, HandlerKind kind, AttributeData attribute)
    {
        Method = method;
        Kind = kind;
        Attribute = attribute;
        RoutingKey = HandlerShape.RoutingKey(attribute);
        MessageParameter = HandlerShape.MessageParameter(method, RoutingKey);
        Problems = HandlerShape.Problems(method, kind, RoutingKey).ToImmutableArray();
        AsynchronousAttribute = AsynchronousShape.AsynchronousAttribute(method);
    }

    public IMethodSymbol Method { get; }

    public HandlerKind Kind { get; }

    public AttributeData Attribute { get; }

    /// <summary>The routing key (commands, queries) or listen-to pattern (events) given to the attribute.</summary>
    public string? RoutingKey { get; }

    /// <summary>The parameter carrying the message, or null for a routing-key-only handler.</summary>
    public IParameterSymbol? MessageParameter { get; }

    public ITypeSymbol? MessageType => MessageParameter?.Type;

    /// <summary>Why the generator skips it; each is reported by one analyzer.</summary>
    public ImmutableArray<HandlerProblem> Problems { get; }

    /// <summary>Whether the generator emits an endpoint for it.</summary>
    public bool IsWired => Problems.IsEmpty;

    /// <summary>How the generator wires it on an [Aggregate] or [Saga] (AggregateShape); null elsewhere, and when it cannot.</summary>
    public AggregateModel? Aggregate => ReadAggregate().Model;

    /// <summary>Why AggregateShape skips it; empty for a handler not declared on an aggregate or saga.</summary>
    public ImmutableArray<AggregateProblem> AggregateProblems => ReadAggregate().Problems;

    /// <summary>Whether the generator emits an endpoint for it: wired, and on an aggregate, with nothing AggregateShape refuses.</summary>
    public bool IsEndpoint => IsWired && AggregateProblems.IsEmpty;

    /// <summary>The [Asynchronous] that applies to the handler, its own or its class's; null when it runs during the send.</summary>
    public AttributeData? AsynchronousAttribute { get; }

    public bool IsAsynchronous => AsynchronousAttribute is not null;

    /// <summary>The channel [Asynchronous] names, or null for a synchronous handler.</summary>
    public string? Channel => AsynchronousAttribute is { } attribute ? AsynchronousShape.Channel(attribute) : null;

    /// <summary>Whether the runtime indexes it by endpoint id: wired, with a channel (AsynchronousShape.Read).</summary>
    public bool IsAsynchronousEndpoint => IsWired && Channel is { Length: > 0 };

    /// <summary>The EndpointId given to the attribute, or null.</summary>
    public string? ExplicitEndpointId => HandlerShape.ExplicitEndpointId(Attribute);

    /// <summary>The id that selects the handler of a message received from a channel.</summary>
    public string EndpointId => ExplicitEndpointId ?? HandlerShape.DefaultEndpointId(Method);

    /// <summary>What pointcuts look at, named as the generator's model names it. Built on first use: only EST0008 needs it.</summary>
    public PointcutTarget Target => _target ??= CreateTarget();

    /// <summary>The name the generator and runtime use in messages: <c>OrderHandler.Place</c>.</summary>
    public string DisplayName => Names.Display(Method);

    public string AttributeName => Kind switch
    {
        HandlerKind.Command => "CommandHandler",
        HandlerKind.Query => "QueryHandler",
        _ => "EventHandler",
    };

    public IEnumerable<HandlerProblem> ProblemsOf(HandlerProblemKind kind) => Problems.Where(p => p.Kind == kind);

    public static ImmutableArray<HandlerInfo> Read(IMethodSymbol method, EstuarySymbols symbols)
    {
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
        {
            return ImmutableArray<HandlerInfo>.Empty;
        }

        var handlers = ImmutableArray.CreateBuilder<HandlerInfo>();
        foreach (var attribute in method.GetAttributes())
        {
            if (KindOf(attribute.AttributeClass, symbols) is { } kind)
            {
                handlers.Add(new HandlerInfo(method, kind, attribute));
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

    private AggregateReading ReadAggregate() => _aggregate ??= CreateAggregateReading();

    // As the generator does: only a handler HandlerShape accepts, declared on an aggregate or saga, is read.
    private AggregateReading CreateAggregateReading()
    {
        var problems = new List<AggregateProblem>();
        var model = IsWired && AggregateShape.IsAggregate(Method.ContainingType) ? AggregateShape.Read(Method, Kind, MessageType, problems) : null;
        return new AggregateReading(model, problems.ToImmutableArray());
    }

    private PointcutTarget CreateTarget()
    {
        var type = Method.ContainingType;
        return new PointcutTarget(
            SymbolNames.Namespace(type),
            MessageType is null ? null : SymbolNames.FullNonNullable(MessageType),
            MessageType is null ? EquatableArray<string>.Empty : SymbolNames.Hierarchy(MessageType, includeSelf: false),
            SymbolNames.Hierarchy(type, includeSelf: true),
            PointcutRules.HandlerAttributes(Method).Select(a => (IEnumerable<string>)SymbolNames.Hierarchy(a.Type, includeSelf: true)).ToList());
    }

    private sealed record AggregateReading(AggregateModel? Model, ImmutableArray<AggregateProblem> Problems);
}
