using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>An [Identifier] member of an aggregate, and the expression reading it from the message (actions) or the aggregate (factories).</summary>
internal sealed record IdentifierModel(string Member, string TypeName, string Access);

/// <summary>How a command handler declared on an [Aggregate] is wired: the aggregate, its identifiers and whether it creates or acts.</summary>
/// <param name="EventsMethod">The [AggregateEvents] method whose events are published after the save, if any.</param>
/// <param name="ReadOnly">A query handler: the instance is loaded and asked, never saved.</param>
/// <param name="DropWhenNotFound">An event handler with DropMessageOnNotFound: a missing instance skips the event.</param>
internal sealed record AggregateModel(string TypeName, string Name, bool IsFactory, EquatableArray<IdentifierModel> Identifiers, bool FromHeader, string? EventsMethod = null, bool ReadOnly = false, bool DropWhenNotFound = false);

/// <summary>Why a handler on an aggregate cannot be wired.</summary>
internal enum AggregateProblemKind
{
    /// <summary>The aggregate has no [Identifier] member.</summary>
    NoIdentifier,

    /// <summary>An action's message has no member for an identifier (same name, or [TargetIdentifier]).</summary>
    UnmappedIdentifier,

    /// <summary>A static handler on an aggregate that does not return the aggregate (a factory must).</summary>
    FactoryReturnsOther,

    /// <summary>A static query handler on an aggregate: a query asks an existing instance.</summary>
    StaticQuery,

    /// <summary>The [AggregateEvents] method is static, takes parameters, or does not return a sequence.</summary>
    InvalidEventsMethod,
}

/// <summary>One reason an aggregate handler is not wired.</summary>
internal sealed record AggregateProblem(AggregateProblemKind Kind, string? Identifier = null);

/// <summary>
/// Reads [Aggregate] classes for the generator (which emits load-invoke-save endpoints) and the
/// analyzers (which report what cannot be wired). Identifiers are mapped at compile time: the
/// message member of the same name (ignoring case), or the one marked [TargetIdentifier]; a
/// handler without a message reads the single identifier from the <c>aggregate.id</c> header.
/// </summary>
internal static class AggregateShape
{
    public static bool IsAggregate(ITypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.AggregateAttribute);

    /// <summary>The aggregate's [Identifier] members, base types included, in declaration order.</summary>
    public static IReadOnlyList<ISymbol> Identifiers(ITypeSymbol aggregate)
    {
        var chain = new List<ITypeSymbol>();
        for (var type = aggregate; type is not null; type = type.BaseType)
        {
            chain.Insert(0, type);
        }

        return chain.SelectMany(t => t.GetMembers())
            .Where(m => m is IPropertySymbol or IFieldSymbol && !m.IsStatic && m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.IdentifierAttribute))
            .ToList();
    }

    /// <summary>The storage name: [Aggregate(Name = ...)], or the type's full name.</summary>
    public static string Name(ITypeSymbol aggregate)
    {
        var attribute = aggregate.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == KnownNames.AggregateAttribute);
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Name" && named.Value.Value is string { Length: > 0 } name)
            {
                return name;
            }
        }

        return aggregate.ToDisplayString();
    }

    /// <summary>Whether a static handler creates the aggregate: it returns it (directly, or in a Task/ValueTask).</summary>
    public static bool ReturnsAggregate(IMethodSymbol method) =>
        HandlerRules.ClassifyReturn(method, out var result) is ReturnKind.Value or ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT
        && SymbolEqualityComparer.Default.Equals(result, method.ContainingType);

    /// <summary>Reads the wiring of a handler on an aggregate, or returns its problems.</summary>
    public static AggregateModel? Read(IMethodSymbol method, HandlerKind kind, ITypeSymbol? message, List<AggregateProblem> problems)
    {
        var model = ReadCore(method, kind, message, problems);
        return model is { IsFactory: false } && kind == HandlerKind.Event && DropsWhenNotFound(method) ? model with { DropWhenNotFound = true } : model;
    }

    /// <summary>Whether the method's [EventHandler] sets DropMessageOnNotFound.</summary>
    public static bool DropsWhenNotFound(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.EventHandlerAttribute
            && a.NamedArguments.Any(n => n.Key == "DropMessageOnNotFound" && n.Value.Value is true));

    private static AggregateModel? ReadCore(IMethodSymbol method, HandlerKind kind, ITypeSymbol? message, List<AggregateProblem> problems)
    {
        var aggregate = method.ContainingType;
        if (kind == HandlerKind.Query && method.IsStatic)
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.StaticQuery));
            return null;
        }

        var identifiers = Identifiers(aggregate);
        if (identifiers.Count == 0)
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.NoIdentifier));
            return null;
        }

        var events = EventsMethod(aggregate);
        if (events is not null && !IsValidEventsMethod(events))
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.InvalidEventsMethod, events.Name));
            return null;
        }

        var eventsMethod = events?.Name;

        if (method.IsStatic)
        {
            if (!ReturnsAggregate(method))
            {
                problems.Add(new AggregateProblem(AggregateProblemKind.FactoryReturnsOther));
                return null;
            }

            var created = identifiers.Select(i => new IdentifierModel(i.Name, SymbolNames.Full(TypeOf(i)), "aggregate." + i.Name));
            return new AggregateModel(SymbolNames.FullNonNullable(aggregate), Name(aggregate), IsFactory: true, created.ToEquatableArray(), FromHeader: false, eventsMethod);
        }

        if (message is null)
        {
            // A routing-key handler without a message names its instance in the aggregate.id header.
            return new AggregateModel(SymbolNames.FullNonNullable(aggregate), Name(aggregate), IsFactory: false, identifiers.Select(i => new IdentifierModel(i.Name, SymbolNames.Full(TypeOf(i)), string.Empty)).ToEquatableArray(), FromHeader: true, eventsMethod, ReadOnly: kind == HandlerKind.Query);
        }

        var mapped = new List<IdentifierModel>();
        foreach (var identifier in identifiers)
        {
            if (MessageMember(message, identifier.Name) is { } member)
            {
                mapped.Add(new IdentifierModel(identifier.Name, SymbolNames.Full(TypeOf(identifier)), "message." + member.Name));
            }
            else
            {
                problems.Add(new AggregateProblem(AggregateProblemKind.UnmappedIdentifier, identifier.Name));
            }
        }

        return problems.Count == 0
            ? new AggregateModel(SymbolNames.FullNonNullable(aggregate), Name(aggregate), IsFactory: false, mapped.ToEquatableArray(), FromHeader: false, eventsMethod, ReadOnly: kind == HandlerKind.Query)
            : null;
    }

    /// <summary>The aggregate's [AggregateEvents] method, base types included, if any.</summary>
    public static IMethodSymbol? EventsMethod(ITypeSymbol aggregate)
    {
        for (var type = aggregate; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.AggregateEventsAttribute))
                {
                    return method;
                }
            }
        }

        return null;
    }

    /// <summary>An instance method without parameters, callable from generated code, returning a sequence.</summary>
    public static bool IsValidEventsMethod(IMethodSymbol method) =>
        !method.IsStatic && method.Parameters.Length == 0 && !method.IsGenericMethod
        && method.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
        && (method.ReturnType.SpecialType == SpecialType.System_Collections_IEnumerable
            || method.ReturnType.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable));

    /// <summary>The message member holding <paramref name="identifier"/>: marked [TargetIdentifier], else the same name ignoring case.</summary>
    public static ISymbol? MessageMember(ITypeSymbol message, string identifier)
    {
        var members = Readable(message).ToList();
        return members.FirstOrDefault(m => TargetOf(m) == identifier)
            ?? members.FirstOrDefault(m => m.Name == identifier)
            ?? members.FirstOrDefault(m => string.Equals(m.Name, identifier, System.StringComparison.OrdinalIgnoreCase));
    }

    private static string? TargetOf(ISymbol member)
    {
        // On a record's positional property the attribute sits on the constructor parameter.
        var attributes = member.GetAttributes().AsEnumerable();
        if (member is IPropertySymbol property && property.ContainingType.InstanceConstructors
                .SelectMany(c => c.Parameters).FirstOrDefault(p => p.Name == property.Name) is { } parameter)
        {
            attributes = attributes.Concat(parameter.GetAttributes());
        }

        return attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.TargetIdentifierAttribute) is { ConstructorArguments.Length: 1 } target
            ? target.ConstructorArguments[0].Value as string
            : null;
    }

    private static IEnumerable<ISymbol> Readable(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (!member.IsStatic && member.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
                    && (member is IPropertySymbol { GetMethod: not null, IsIndexer: false } || member is IFieldSymbol { IsImplicitlyDeclared: false }))
                {
                    yield return member;
                }
            }
        }
    }

    private static ITypeSymbol TypeOf(ISymbol member) => member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
}
