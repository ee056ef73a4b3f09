using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// Reads a [CommandHandler], [QueryHandler] or [EventHandler] method into a model. A handler with
/// any HandlerShape problem yields null; the analyzers report the same problems as diagnostics.
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
        var routingKey = HandlerShape.RoutingKey(attribute);
        if (HandlerShape.Check(method, kind, routingKey) is not null)
        {
            return null;
        }

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

        return Create(method, kind, routingKey, endpointId, priority, static (method, messageType) => AsynchronousShape.Read(method, messageType));
    }

    /// <summary>
    /// Reads a [MessageConsumer] method into a command endpoint on the attribute's channel, marked as the
    /// channel's message consumer; null when MessageConsumerShape finds a problem (EST0052 reports it).
    /// </summary>
    public static HandlerModel? ParseMessageConsumer(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0
            || MessageConsumerShape.Problem(method, context.Attributes[0]) is not null || MessageConsumerShape.Channel(context.Attributes[0]) is not { } channel)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var endpointId = context.Attributes[0].NamedArguments.FirstOrDefault(static n => n.Key == "EndpointId").Value.Value as string;
        var model = Create(method, HandlerKind.Command, routingKey: null, endpointId, priority: 0, (method, messageType) => AsynchronousShape.ReadOn(method, channel, 0, messageType));
        return model is null ? null : model with { MessageConsumer = true };
    }

    private static HandlerModel? Create(
        IMethodSymbol method, HandlerKind kind, string? routingKey, string? endpointId, int priority, System.Func<IMethodSymbol, ITypeSymbol?, AsynchronousModel?> asynchronous)
    {
        var type = method.ContainingType;
        var messageParameter = HandlerShape.MessageParameter(method, routingKey);
        var message = messageParameter is null ? null : MessageOf(messageParameter.Type, messageParameter.Name);
        var parameters = method.Parameters.Skip(message is null ? 0 : 1).Select(p => ParameterParser.Parse(p, isInterceptor: false));
        var returnKind = HandlerRules.ClassifyReturn(method, out var resultType);

        AggregateModel? aggregate = null;
        if (AggregateShape.IsAggregate(type))
        {
            aggregate = AggregateShape.Read(method, kind, messageParameter?.Type, []);
            if (aggregate is null)
            {
                return null;
            }
        }

        var projection = kind == HandlerKind.Event && aggregate is null ? ProjectionParser.Read(type) : null;

        // A send that creates an instance answers its identifier; a pure event-sourced action nothing.
        var result = AggregateAnswers.Of(aggregate, resultType);
        return new HandlerModel
        {
            Kind = kind,
            DeclaringType = SymbolNames.Ref(type),
            Namespace = SymbolNames.Namespace(type),
            IsStatic = method.IsStatic,
            MethodName = method.Name,
            RoutingKey = routingKey,
            EndpointId = endpointId,
            Priority = priority,
            Message = message,
            Parameters = parameters.ToEquatableArray(),
            Return = returnKind,
            ResultType = result,
            Attributes = Attributes(method).ToEquatableArray(),
            DeclaringTypeHierarchy = SymbolNames.Hierarchy(type, includeSelf: true),
            Constructor = method.IsStatic || aggregate is not null ? null : ParameterParser.Constructor(type),
            PublicSignature = (messageParameter is null || SymbolNames.IsPublic(messageParameter.Type)) && (resultType is null || SymbolNames.IsPublic(resultType)),
            DeclarationIndex = DeclarationIndex(method),
            Asynchronous = asynchronous(method, messageParameter?.Type),
            Distributed = DistributedShape.IsDistributed(method, kind, routingKey),
            Aggregate = aggregate,
            Projection = projection,
        };
    }

    /// <summary>
    /// Reads a [Scheduled] method into a command endpoint reached by <c>schedule:{name}</c>, with no
    /// message; null when ScheduleShape finds a problem (the analyzers report it).
    /// </summary>
    public static HandlerModel? ParseScheduled(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0 || ScheduleShape.Read(context.Attributes[0]) is not { } schedule)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (ScheduleShape.Problems(method, schedule).Any())
        {
            return null;
        }

        var type = method.ContainingType;
        var returnKind = HandlerRules.ClassifyReturn(method, out var resultType);
        return new HandlerModel
        {
            Kind = HandlerKind.Command,
            DeclaringType = SymbolNames.Ref(type),
            Namespace = SymbolNames.Namespace(type),
            IsStatic = method.IsStatic,
            MethodName = method.Name,
            RoutingKey = ScheduleShape.RoutingKeyPrefix + schedule.Name,
            EndpointId = ScheduleShape.RoutingKeyPrefix + schedule.Name,
            Priority = 0,
            Message = null,
            Parameters = method.Parameters.Select(p => ParameterParser.Parse(p, isInterceptor: false)).ToEquatableArray(),
            Return = returnKind,
            ResultType = resultType is null ? null : SymbolNames.Full(resultType),
            Attributes = Attributes(method).ToEquatableArray(),
            DeclaringTypeHierarchy = SymbolNames.Hierarchy(type, includeSelf: true),
            Constructor = method.IsStatic ? null : ParameterParser.Constructor(type),
            PublicSignature = resultType is null || SymbolNames.IsPublic(resultType),
            DeclarationIndex = DeclarationIndex(method),
            Asynchronous = AsynchronousShape.Read(method, null),
            Schedule = schedule,
        };
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
            SymbolNames.Hierarchy(type, includeSelf: false))
        {
            Revision = SymbolNames.Revision(type),
            SensitiveMembers = SymbolNames.SensitiveMembers(type),
        };
    }

    /// <summary>A type carrying [MessageName]: registered even if no handler here takes it, so name patterns match it.</summary>
    public static MessageRef? ParseNamedMessage(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is INamedTypeSymbol { IsGenericType: false } type && Callability.IsCallableFromAssembly(type)
            ? MessageOf(type, string.Empty)
            : null;

    /// <summary>The event an [EventSourcingHandler] applies: registered, so it is stored and read by its stable name.</summary>
    public static MessageRef? ParseAppliedEvent(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is IMethodSymbol { Parameters.Length: 1 } method && method.Parameters[0].Type is INamedTypeSymbol { IsGenericType: false } type
            && Callability.IsCallableFromAssembly(type) && type.SpecialType != SpecialType.System_Object
            ? MessageOf(type, string.Empty)
            : null;

    /// <summary>User attributes on the method and its class: what attribute pointcuts match and interceptors may receive.</summary>
    private static IEnumerable<AttributeModel> Attributes(IMethodSymbol method) =>
        PointcutRules.HandlerAttributes(method).Select(a => new AttributeModel
        {
            TypeName = SymbolNames.FullNonNullable(a.Type),
            TypeHierarchy = SymbolNames.Hierarchy(a.Type, includeSelf: true),
            Arguments = a.Attribute.ConstructorArguments.Select(CSharpLiterals.Constant).ToEquatableArray(),
            NamedArguments = a.Attribute.NamedArguments.Select(n => new NamedArgumentModel(n.Key, CSharpLiterals.Constant(n.Value))).ToEquatableArray(),
            OnMethod = a.OnMethod,
        });
}
