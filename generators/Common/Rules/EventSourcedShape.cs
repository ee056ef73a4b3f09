using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// Reads [EventSourcingAggregate] classes: their apply methods (dispatched by a generated switch), their
/// stable names and what each handler yields as new events. Shared by the generator and the analyzers.
/// </summary>
internal static class EventSourcedShape
{
    public static bool IsEventSourced(ITypeSymbol type) => Declaration(type) is not null;

    /// <summary>Whether the class is an [EventSourcingSaga]: its instance event handlers skip missing streams by default.</summary>
    public static bool IsSaga(ITypeSymbol type) => Declaration(type) is { } declaration && KnownAttributes.Is(declaration, KnownNames.EventSourcingSagaAttribute);

    private static AttributeData? Declaration(ITypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => KnownAttributes.IsAny(a, KnownNames.EventSourcingAggregateAttribute, KnownNames.EventSourcingSagaAttribute));

    /// <summary>The aggregate's description, or null with problems (no identifier, no parameterless constructor...).</summary>
    public static EventSourcedModel? Read(INamedTypeSymbol aggregate, List<AggregateProblem> problems)
    {
        var identifiers = AggregateShape.Identifiers(aggregate);
        if (identifiers.Count == 0)
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.NoIdentifier));
            return null;
        }

        if (!aggregate.InstanceConstructors.Any(c => c.Parameters.Length == 0 && Callability.IsCallableFromAssembly(c)) || aggregate.IsAbstract)
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.NoEmptyConstructor));
            return null;
        }

        var applies = new List<ApplyModel>();
        var depths = new List<int>();
        var holdsSensitiveData = false;
        foreach (var method in ApplyMethods(aggregate))
        {
            if (method.IsStatic || method.Parameters.Length != 1 || !method.ReturnsVoid || method.IsGenericMethod || !Callability.IsCallableFromAssembly(method) || IsForeignInternal(method, aggregate))
            {
                problems.Add(new AggregateProblem(AggregateProblemKind.InvalidApplyMethod, method.Name));
                continue;
            }

            applies.Add(new ApplyModel(SymbolNames.FullNonNullable(method.Parameters[0].Type), method.Name));
            depths.Add(Depth(method.Parameters[0].Type));
            holdsSensitiveData |= !SymbolNames.SensitiveMembers(method.Parameters[0].Type).IsEmpty;
        }

        // The generated switch tests cases in order: a derived event before its base, interfaces last,
        // or the compiler rejects a case an earlier one already handles.
        applies = applies.Select((apply, i) => (apply, depth: depths[i])).OrderByDescending(a => a.depth).Select(a => a.apply).ToList();

        var events = AggregateShape.EventsMethod(aggregate);
        if (events is not null && !AggregateShape.IsValidEventsMethod(events))
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.InvalidEventsMethod, events.Name));
        }

        var table = Table(aggregate);
        if (table is not null && !IsValidTable(table))
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.InvalidEventTable, table));
        }

        var version = AggregateShape.VersionMember(aggregate, problems);
        if (problems.Count > 0)
        {
            return null;
        }

        return new EventSourcedModel(
            ModuleIdentifier(aggregate) + "EventSourcing",
            TypeName(aggregate),
            StreamPrefix(aggregate),
            SnapshotEvery(aggregate),
            table,
            applies.ToEquatableArray(),
            identifiers.Select(i => new IdentifierModel(i.Name, SymbolNames.Full(AggregateShape.TypeOf(i)), "aggregate." + i.Name)).ToEquatableArray(),
            version,
            events?.Name,
            holdsSensitiveData);
    }

    /// <summary>
    /// The [EventSourcingHandler] methods of the class and of its base classes, valid or not, the class's
    /// own first. A base class's apply method for an event that a more derived class applies itself is
    /// left out: the derived one replaces it (a virtual one is still called, and dispatches as usual).
    /// </summary>
    public static IEnumerable<IMethodSymbol> ApplyMethods(INamedTypeSymbol aggregate)
    {
        var applied = new List<ITypeSymbol>();
        for (var type = aggregate; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            var level = new List<ITypeSymbol>();
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
            {
                if (!method.GetAttributes().Any(a => KnownAttributes.Is(a, KnownNames.EventSourcingHandlerAttribute)))
                {
                    continue;
                }

                var applies = method.Parameters.Length > 0 ? method.Parameters[0].Type : null;
                if (applies is not null && applied.Any(a => SymbolEqualityComparer.Default.Equals(a, applies)))
                {
                    continue;
                }

                if (applies is not null)
                {
                    level.Add(applies);
                }

                yield return method;
            }

            applied.AddRange(level);
        }
    }

    /// <summary>A base class's method from another assembly that is not public: generated code in this assembly cannot call it.</summary>
    public static bool IsForeignInternal(IMethodSymbol method, INamedTypeSymbol aggregate) =>
        method.DeclaredAccessibility != Accessibility.Public && !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, aggregate.ContainingAssembly);

    /// <summary>
    /// Where a handler's new events come from: the [AggregateEvents] method when the aggregate has one
    /// (recording style), else its return value (one event, or a sequence); null when it returns nothing.
    /// </summary>
    public static EventsSource? Source(IMethodSymbol handler, string? eventsMethod)
    {
        if (eventsMethod is not null)
        {
            return EventsSource.Recorded;
        }

        var returned = AggregateShape.ReturnedType(handler);
        if (returned is null)
        {
            return null;
        }

        return returned.SpecialType != SpecialType.System_String && (returned.SpecialType == SpecialType.System_Collections_IEnumerable
            || returned.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable) || returned is IArrayTypeSymbol)
            ? EventsSource.ReturnedSequence
            : EventsSource.ReturnedSingle;
    }

    private static int Depth(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Interface)
        {
            return -1;
        }

        var depth = 0;
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static int SnapshotEvery(ITypeSymbol aggregate)
    {
        var attribute = Declaration(aggregate)!;
        return attribute.NamedArguments.FirstOrDefault(n => n.Key == "SnapshotEvery").Value.Value is int every && every > 0 ? every : 0;
    }

    /// <summary>The [EventSourcingAggregate(Table = ...)] name, or null when the streams share the default table.</summary>
    public static string? Table(ITypeSymbol aggregate) =>
        Declaration(aggregate)?.NamedArguments.FirstOrDefault(n => n.Key == "Table").Value.Value as string;

    /// <summary>As EventStreamTable.IsValidTable: lower-case letters, digits and underscores, at most 30, starting with a letter, not ending as an index name does.</summary>
    public static bool IsValidTable(string table) =>
        table.Length is > 0 and <= 30 && table[0] is >= 'a' and <= 'z' && table.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
        && !new[] { "event_id", "transaction_position", "stream_version" }.Any(suffix => table.EndsWith(suffix, System.StringComparison.Ordinal));

    /// <summary>The aggregate type recorded in its events' metadata: [AggregateType], else the type's full name.</summary>
    public static string TypeName(ITypeSymbol aggregate) => Named(aggregate, KnownNames.AggregateTypeAttribute) ?? aggregate.ToDisplayString();

    /// <summary>What its streams are named after (<c>{prefix}-{id}</c>): [Stream], else its aggregate type name.</summary>
    public static string StreamPrefix(ITypeSymbol aggregate) => Named(aggregate, KnownNames.StreamAttribute) ?? TypeName(aggregate);

    private static string? Named(ITypeSymbol type, string attribute) =>
        type.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, attribute)) is { ConstructorArguments.Length: 1 } found
            && found.ConstructorArguments[0].Value is string { Length: > 0 } name
            ? name
            : null;

    private static string ModuleIdentifier(ITypeSymbol type) =>
        new string(SymbolNames.Plain(type).Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
