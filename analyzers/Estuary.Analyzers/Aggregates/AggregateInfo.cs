using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>A problem with a member of the aggregate itself; <paramref name="Member"/> is null when a member is missing.</summary>
internal sealed record MemberProblem(AggregateProblem Problem, ISymbol? Member);

/// <summary>
/// What is wrong with one handler beyond its aggregate's own members: its message, its mapping, its
/// return, or the aggregate it creates (<paramref name="Created"/>, whose problems these may be).
/// </summary>
internal sealed record AggregateHandlerProblems(HandlerInfo Handler, ImmutableArray<AggregateProblem> Problems, INamedTypeSymbol? Created);

/// <summary>
/// An [Aggregate] or [Saga] read as the generator reads it, handler by handler (AggregateShape.Read),
/// with the problems split so that each is reported once: those about the aggregate's own members
/// (which AggregateShape repeats for every handler) on the member, the rest on the handler.
/// </summary>
internal sealed class AggregateInfo
{
    private static readonly ConditionalWeakTable<INamedTypeSymbol, AggregateInfo> s_cache = new();
    private static readonly (string, string) s_identifier = (KnownNames.IdentifierAttribute, "Identifier");
    private static readonly (string, string) s_version = (KnownNames.AggregateVersionAttribute, "AggregateVersion");
    private static readonly (string, string) s_completed = (KnownNames.SagaCompletedAttribute, "SagaCompleted");

    private AggregateInfo(INamedTypeSymbol type, ImmutableArray<HandlerInfo> handlers)
    {
        Type = type;
        IsSaga = AggregateShape.IsSaga(type);
        Handlers = handlers;

        // Only handlers the generator reads make the aggregate's members matter.
        MemberProblems = handlers.IsEmpty ? ImmutableArray<MemberProblem>.Empty : MemberProblemsOf(type).ToImmutableArray();
        HandlerProblems = handlers.Select(h => ProblemsOf(h, MemberProblems)).Where(h => !h.Problems.IsEmpty).ToImmutableArray();
    }

    public INamedTypeSymbol Type { get; }

    public bool IsSaga { get; }

    /// <summary>"aggregate" or "saga", as messages name it.</summary>
    public string Kind => IsSaga ? "saga" : "aggregate";

    /// <summary>The handlers declared on it that HandlerShape accepts, in source order.</summary>
    public ImmutableArray<HandlerInfo> Handlers { get; }

    /// <summary>Problems with its own members, once each; empty when no handler makes them matter.</summary>
    public ImmutableArray<MemberProblem> MemberProblems { get; }

    /// <summary>The handlers with problems of their own.</summary>
    public ImmutableArray<AggregateHandlerProblems> HandlerProblems { get; }

    /// <summary>The aggregate or saga declared by <paramref name="type"/>, or null for any other type.</summary>
    public static AggregateInfo? For(INamedTypeSymbol type, EstuarySymbols symbols) =>
        AggregateShape.IsAggregate(type) ? s_cache.GetValue(type, t => new AggregateInfo(t, HandlersOf(t, symbols))) : null;

    /// <summary>"Aggregate Order" or "Saga Checkout", as a message starts.</summary>
    public static string Describe(ITypeSymbol type) => (AggregateShape.IsSaga(type) ? "Saga " : "Aggregate ") + type.Name;

    /// <summary>
    /// The member of <paramref name="type"/> a problem names, and the attribute that marks it:
    /// an [Identifier], the [AggregateVersion], the [SagaCompleted] member or the [AggregateEvents] method.
    /// </summary>
    public static (ISymbol? Member, string? Attribute) MemberOf(ITypeSymbol type, AggregateProblem problem)
    {
        if (problem.Identifier is not { } name)
        {
            return (null, null);
        }

        if (problem.Kind == AggregateProblemKind.InvalidEventsMethod)
        {
            return (AggregateShape.EventsMethod(type), "AggregateEvents");
        }

        var candidates = problem.Kind switch
        {
            AggregateProblemKind.InvalidVersionMember => new[] { s_version },
            AggregateProblemKind.InvalidCompletedMember => new[] { s_completed },
            AggregateProblemKind.InaccessibleMember => new[] { s_identifier, s_version, s_completed },
            _ => new[] { s_identifier },
        };
        foreach (var (attribute, shortName) in candidates)
        {
            if (Marked(type, attribute).FirstOrDefault(m => m.Name == name) is { } member)
            {
                return (member, shortName);
            }
        }

        return (null, null);
    }

    // What AggregateShape reports for a handler, less the aggregate's own member problems, reported once on the members.
    private static AggregateHandlerProblems ProblemsOf(HandlerInfo handler, ImmutableArray<MemberProblem> own)
    {
        var remaining = own.Select(p => p.Problem).ToList();
        var problems = handler.AggregateProblems.Where(p => !remaining.Remove(p));
        var created = CreatedBy(handler);

        // An action creating an instance of its own aggregate repeats the member problems already reported.
        if (SymbolEqualityComparer.Default.Equals(created, handler.Method.ContainingType))
        {
            problems = problems.Where(p => p.Kind is AggregateProblemKind.UnmappedIdentifier or AggregateProblemKind.InvalidMapping
                or AggregateProblemKind.FactoryReturnsOther or AggregateProblemKind.StaticQuery);
        }

        return new AggregateHandlerProblems(handler, problems.ToImmutableArray(), created);
    }

    /// <summary>The aggregate an instance action returns, which the generator saves as new too.</summary>
    private static INamedTypeSymbol? CreatedBy(HandlerInfo handler) =>
        !handler.Method.IsStatic && handler.Kind != HandlerKind.Query
        && AggregateShape.ReturnedType(handler.Method) is INamedTypeSymbol returned && AggregateShape.IsAggregate(returned)
            ? returned
            : null;

    private static ImmutableArray<HandlerInfo> HandlersOf(INamedTypeSymbol type, EstuarySymbols symbols) =>
        type.GetMembers().OfType<IMethodSymbol>()
            .SelectMany(m => HandlerInfo.Read(m, symbols))
            .Where(h => h.IsWired)
            .OrderBy(h => h.Method.Locations.FirstOrDefault()?.SourceTree?.FilePath ?? string.Empty, System.StringComparer.Ordinal)
            .ThenBy(h => h.Method.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToImmutableArray();

    /// <summary>
    /// The checks AggregateShape makes of the aggregate's own members for every handler, in its order:
    /// identifiers (present, reachable, with a stable text), the events method, an event-sourced
    /// aggregate's constructor and apply methods, version and completion.
    /// </summary>
    private static IEnumerable<MemberProblem> MemberProblemsOf(INamedTypeSymbol type)
    {
        var identifiers = AggregateShape.Identifiers(type);
        if (identifiers.Count == 0)
        {
            yield return new MemberProblem(new AggregateProblem(AggregateProblemKind.NoIdentifier), null);
        }

        foreach (var identifier in identifiers)
        {
            var identifierType = AggregateShape.TypeOf(identifier);
            if (!Reachable(identifier))
            {
                yield return new MemberProblem(new AggregateProblem(AggregateProblemKind.InaccessibleMember, identifier.Name), identifier);
            }
            else if (!AggregateShape.HasStableText(identifierType))
            {
                yield return new MemberProblem(new AggregateProblem(AggregateProblemKind.UnstableIdentifier, identifier.Name, identifierType.ToDisplayString()), identifier);
            }
        }

        if (AggregateShape.EventsMethod(type) is { } events && !AggregateShape.IsValidEventsMethod(events))
        {
            yield return new MemberProblem(new AggregateProblem(AggregateProblemKind.InvalidEventsMethod, events.Name), events);
        }

        // EventSourcedShape.Read stops at the first of these; all are reported, so one build shows them all.
        if (EventSourcedShape.IsEventSourced(type))
        {
            if (!EventSourcedMembers.HasEmptyConstructor(type))
            {
                yield return new MemberProblem(new AggregateProblem(AggregateProblemKind.NoEmptyConstructor), null);
            }

            foreach (var apply in EventSourcedMembers.ApplyMethods(type).Where(m => EventSourcedMembers.ApplyProblem(m, type) is not null))
            {
                yield return new MemberProblem(new AggregateProblem(AggregateProblemKind.InvalidApplyMethod, apply.Name), apply);
            }

            if (EventSourcedShape.Table(type) is { } table && !EventSourcedShape.IsValidTable(table))
            {
                yield return new MemberProblem(new AggregateProblem(AggregateProblemKind.InvalidEventTable, table), null);
            }
        }

        var problems = new List<AggregateProblem>();
        AggregateShape.VersionMember(type, problems);
        AggregateShape.CompletedMember(type, problems);
        foreach (var problem in problems)
        {
            yield return new MemberProblem(problem, MemberOf(type, problem).Member);
        }
    }

    // As AggregateShape.Reachable: generated code lives in the same assembly, so public and internal members (and getters) are reachable.
    private static bool Reachable(ISymbol member) =>
        IsReachable(member.DeclaredAccessibility) && (member is not IPropertySymbol property || (property.GetMethod is { } getter && IsReachable(getter.DeclaredAccessibility)));

    private static bool IsReachable(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    // As AggregateShape.Marked: instance properties and fields carrying the attribute, base types first.
    private static IEnumerable<ISymbol> Marked(ITypeSymbol type, string attribute)
    {
        var chain = new List<ITypeSymbol>();
        for (var current = type; current is not null; current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        return chain.SelectMany(t => t.GetMembers())
            .Where(m => m is IPropertySymbol or IFieldSymbol && !m.IsStatic
                && m.GetAttributes().Any(a => KnownAttributes.Is(a, attribute)));
    }
}
