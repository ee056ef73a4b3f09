using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Why a handler on an aggregate cannot be wired.</summary>
internal enum AggregateProblemKind
{
    /// <summary>The aggregate has no [Identifier] member.</summary>
    NoIdentifier,

    /// <summary>An action's message has no member for an identifier (same name, [TargetIdentifier] or [IdentifierMapping]).</summary>
    UnmappedIdentifier,

    /// <summary>A static handler on an aggregate that does not return the aggregate (a factory must).</summary>
    FactoryReturnsOther,

    /// <summary>A static query handler on an aggregate: a query asks an existing instance.</summary>
    StaticQuery,

    /// <summary>The [AggregateEvents] method is static, takes parameters, or does not return a sequence.</summary>
    InvalidEventsMethod,

    /// <summary>An [IdentifierMapping] that names no identifier, sets no or several sources, or points at nothing.</summary>
    InvalidMapping,

    /// <summary>An identifier whose type has no stable text form (its ToString is object's).</summary>
    UnstableIdentifier,

    /// <summary>A member generated code reads or writes (identifier, version, completion) is private or protected.</summary>
    InaccessibleMember,

    /// <summary>The [AggregateVersion] member is not a settable long or int.</summary>
    InvalidVersionMember,

    /// <summary>The [SagaCompleted] member is not a readable bool, or sits on an aggregate.</summary>
    InvalidCompletedMember,

    /// <summary>An event-sourced aggregate without an accessible parameterless constructor to replay events into.</summary>
    NoEmptyConstructor,

    /// <summary>An [EventSourcingHandler] that is not an accessible instance method taking one event and returning void.</summary>
    InvalidApplyMethod,

    /// <summary>A handler of an event-sourced aggregate that neither returns events nor records them.</summary>
    NoEvents,

    /// <summary>An [EventSourcingAggregate(Table = ...)] name that cannot name an events table.</summary>
    InvalidEventTable,
}

/// <summary>One reason an aggregate handler is not wired.</summary>
/// <param name="Identifier">The identifier or member the problem is about.</param>
/// <param name="Detail">What exactly is wrong, for the diagnostic's message.</param>
internal sealed record AggregateProblem(AggregateProblemKind Kind, string? Identifier = null, string? Detail = null);

/// <summary>
/// Reads [Aggregate] and [Saga] classes for the generator (which emits load-invoke-save endpoints) and
/// the analyzers (which report what cannot be wired). Identifiers are mapped at compile time (see
/// <see cref="IdentifierMapping"/>); a handler without a message reads the identifier from the
/// <c>aggregate.id</c> header.
/// </summary>
internal static partial class AggregateShape
{
    public static bool IsAggregate(ITypeSymbol type) => Declaration(type) is not null;

    public static bool IsSaga(ITypeSymbol type) => Declaration(type) is { } declaration && KnownAttributes.Is(declaration, KnownNames.SagaAttribute);

    /// <summary>The storage name: [Aggregate(Name = ...)] or [Saga(Name = ...)], or the type's full name.</summary>
    public static string Name(ITypeSymbol aggregate)
    {
        foreach (var named in Declaration(aggregate)?.NamedArguments ?? [])
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
        ReturnedType(method) is { } result && SymbolEqualityComparer.Default.Equals(result, method.ContainingType);

    /// <summary>The type a method returns, unwrapped from Task/ValueTask; null for void and Task.</summary>
    public static ITypeSymbol? ReturnedType(IMethodSymbol method) =>
        HandlerRules.ClassifyReturn(method, out var result) is ReturnKind.Value or ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT ? result : null;

    /// <summary>Reads the wiring of a handler on an aggregate or saga, or returns its problems.</summary>
    public static AggregateModel? Read(IMethodSymbol method, HandlerKind kind, ITypeSymbol? message, List<AggregateProblem> problems)
    {
        var aggregate = method.ContainingType;
        if (EventSourcedShape.IsEventSourced(aggregate))
        {
            return ReadEventSourced(method, kind, message, problems);
        }

        var model = ReadCore(method, kind, message, problems);
        var version = VersionMember(aggregate, problems);
        var completed = CompletedMember(aggregate, problems);
        if (model is null || problems.Count > 0)
        {
            return null;
        }

        var isSaga = IsSaga(aggregate);
        var drops = !model.IsFactory && kind == HandlerKind.Event && DropsWhenNotFound(method, isSaga);
        return model with
        {
            DropWhenNotFound = drops,
            IsSaga = isSaga,
            Version = version,
            CompletedMember = completed,
            ConcurrencyRetries = ConcurrencyRetries(method),
            Definition = Definition(aggregate, version, completed),
        };
    }

    // An event-sourced aggregate: no version member, completion or created aggregates of the stored kind;
    // its handlers yield events, and a static handler creates it from its first events.
    private static AggregateModel? ReadEventSourced(IMethodSymbol method, HandlerKind kind, ITypeSymbol? message, List<AggregateProblem> problems)
    {
        var eventSourced = EventSourcedShape.Read(method.ContainingType, problems);
        if (eventSourced is null)
        {
            return null;
        }

        if (kind == HandlerKind.Query && method.IsStatic)
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.StaticQuery));
            return null;
        }

        // A static handler returning the aggregate itself created it in recording style: its events
        // are what the instance recorded.
        // Any other static handler returns its events, even when the class records (it has no instance yet).
        var source = kind == HandlerKind.Query ? null
            : method.IsStatic && ReturnsAggregate(method) ? (eventSourced.EventsMethod is null ? null : EventsSource.Recorded)
            : EventSourcedShape.Source(method, method.IsStatic ? null : eventSourced.EventsMethod);
        if (method.IsStatic && source is null)
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.NoEvents));
            return null;
        }

        var typeName = SymbolNames.FullNonNullable(method.ContainingType);
        if (method.IsStatic)
        {
            return new AggregateModel(typeName, eventSourced.TypeName, IsFactory: true, eventSourced.Identifiers, FromHeader: false) { EventSourced = eventSourced, Events = source };
        }

        var core = ReadCore(method, kind, message, problems);
        return core is null || problems.Count > 0
            ? null
            : core with { Name = eventSourced.TypeName, EventsMethod = null, Creates = null, EventSourced = eventSourced, Events = source, DropWhenNotFound = !core.IsFactory && kind == HandlerKind.Event && DropsWhenNotFound(method, EventSourcedShape.IsSaga(method.ContainingType)) };
    }

    /// <summary>Whether an event handler skips missing instances: DropMessageOnNotFound, which a saga's handlers default to.</summary>
    public static bool DropsWhenNotFound(IMethodSymbol method, bool isSaga)
    {
        var attribute = method.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.EventHandlerAttribute));
        foreach (var named in attribute?.NamedArguments ?? [])
        {
            if (named.Key == "DropMessageOnNotFound" && named.Value.Value is bool drop)
            {
                return drop;
            }
        }

        return isSaga;
    }

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

        CheckIdentifiers(identifiers, problems);
        var events = EventsMethod(aggregate);
        if (events is not null && !IsValidEventsMethod(events))
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.InvalidEventsMethod, events.Name));
        }

        if (problems.Count > 0)
        {
            return null;
        }

        var typeName = SymbolNames.FullNonNullable(aggregate);
        var name = Name(aggregate);
        if (method.IsStatic)
        {
            if (!ReturnsAggregate(method))
            {
                problems.Add(new AggregateProblem(AggregateProblemKind.FactoryReturnsOther));
                return null;
            }

            return new AggregateModel(typeName, name, IsFactory: true, OwnIdentifiers(identifiers, "aggregate"), FromHeader: false, events?.Name);
        }

        var creates = kind == HandlerKind.Query ? null : Created(method, problems);
        if (message is null)
        {
            // A routing-key handler without a message names its instance in the aggregate.id header.
            var fromHeader = identifiers.Select(i => new IdentifierModel(i.Name, SymbolNames.Full(TypeOf(i)), string.Empty)).ToEquatableArray();
            return problems.Count > 0 ? null : new AggregateModel(typeName, name, IsFactory: false, fromHeader, FromHeader: true, events?.Name, ReadOnly: kind == HandlerKind.Query) { Creates = creates };
        }

        var mapped = new List<IdentifierModel>();
        foreach (var identifier in identifiers)
        {
            if (IdentifierMapping.Resolve(method, message, identifier, out var problem) is { } access)
            {
                mapped.Add(new IdentifierModel(identifier.Name, SymbolNames.Full(TypeOf(identifier)), access));
            }
            else
            {
                problems.Add(problem ?? new AggregateProblem(AggregateProblemKind.UnmappedIdentifier, identifier.Name));
            }
        }

        foreach (var mapping in IdentifierMapping.Mappings(method).Where(m => identifiers.All(i => i.Name != m.Identifier)))
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.InvalidMapping, mapping.Identifier, aggregate.Name + " has no [Identifier] member '" + mapping.Identifier + "'"));
        }

        return problems.Count == 0
            ? new AggregateModel(typeName, name, IsFactory: false, mapped.ToEquatableArray(), FromHeader: false, events?.Name, ReadOnly: kind == HandlerKind.Query) { Creates = creates }
            : null;
    }

    // An action returning an aggregate (its own type or another) creates that instance too.
    private static CreatedAggregateModel? Created(IMethodSymbol method, List<AggregateProblem> problems)
    {
        if (ReturnedType(method) is not INamedTypeSymbol returned || !IsAggregate(returned))
        {
            return null;
        }

        var identifiers = Identifiers(returned);
        if (identifiers.Count == 0)
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.NoIdentifier, Detail: returned.Name));
            return null;
        }

        CheckIdentifiers(identifiers, problems);
        var events = EventsMethod(returned);
        if (events is not null && !IsValidEventsMethod(events))
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.InvalidEventsMethod, events.Name));
        }

        var version = VersionMember(returned, problems);

        // A created saga's completion member is its own handlers' concern: a problem with it is reported there.
        var completed = CompletedMember(returned, []);
        return new CreatedAggregateModel(SymbolNames.FullNonNullable(returned), Name(returned), OwnIdentifiers(identifiers, "created"), events?.Name, version)
        {
            Definition = Definition(returned, version, completed),
        };
    }

    /// <summary>
    /// The generated definition of a state-stored type. Its class is named after the type's full name,
    /// underscores doubled and dots as underscores, so two types never share one.
    /// </summary>
    private static StoredDefinitionModel Definition(INamedTypeSymbol aggregate, VersionMemberModel? version, string? completed) =>
        new(
            new string(SymbolNames.Plain(aggregate).Replace("_", "__").Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray()) + "Aggregate",
            SymbolNames.FullNonNullable(aggregate),
            Name(aggregate),
            Identifiers(aggregate).Select(i => i.Name).ToEquatableArray(),
            version,
            completed,
            EventsMethod(aggregate) is { } events && IsValidEventsMethod(events) ? events.Name : null);

    private static EquatableArray<IdentifierModel> OwnIdentifiers(IReadOnlyList<ISymbol> identifiers, string variable) =>
        identifiers.Select(i => new IdentifierModel(i.Name, SymbolNames.Full(TypeOf(i)), variable + "." + i.Name)).ToEquatableArray();

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

        return attributes.FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.TargetIdentifierAttribute)) is { ConstructorArguments.Length: 1 } target
            ? target.ConstructorArguments[0].Value as string
            : null;
    }

    /// <summary>The public or internal instance properties and fields of a type, base types included.</summary>
    public static IEnumerable<ISymbol> Readable(ITypeSymbol type)
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

    public static ITypeSymbol TypeOf(ISymbol member) => member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;

    private static AttributeData? Declaration(ITypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => KnownAttributes.IsAny(a, KnownNames.AggregateAttribute, KnownNames.SagaAttribute, KnownNames.EventSourcingAggregateAttribute, KnownNames.EventSourcingSagaAttribute));
}
