using System;
using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// The module as it will be emitted: its endpoints in a stable order,
/// the message registry, and which handler each typed bus overload binds to.
/// </summary>
internal sealed class ModulePlan
{
    public ModulePlan(CompositionModel composition)
    {
        Composition = composition;
        Module = composition.Module;
        var all = composition.HandlerTypes.SelectMany(t => t.Endpoints.Select(e => new ModuleEndpoint(t.Holder + "." + e.Field, e))).ToList();

        // A projection's handlers are run by the projection, so the event bus never routes to them.
        Endpoints = all.Where(e => !e.Summary.InProjection).ToList();
        Projections = composition.HandlerTypes.Where(t => t.IsProjection).Select(t => t.Holder + ".Projection").ToList();

        // Those with handlers, and those a [Repository] interface loads.
        var aggregates = composition.HandlerTypes.SelectMany(t => t.Aggregates)
            .Concat(composition.Repositories.SelectMany(r => r.Methods).Select(m => new StoredAggregate { TypeName = m.AggregateType, Name = m.AggregateName, EventSourced = m.EventSourced, Definition = null }))
            .ToList();
        EventSourced = aggregates
            .Where(a => a.EventSourced is not null)
            .GroupBy(a => a.TypeName)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EventSourcedPlan(g.Key, g.First().EventSourced!))
            .ToList();
        Stored = aggregates
            .Where(a => a.EventSourced is null)
            .GroupBy(a => a.TypeName)
            .Select(g => g.FirstOrDefault(a => a.Definition is not null) ?? g.First())
            .OrderBy(a => a.TypeName, StringComparer.Ordinal)
            .ToList();
        Messages = BuildRegistry(all.Select(e => e.Summary.Message).Concat(composition.NamedMessages), composition.JsonContexts);
        TypedRequests = Endpoints
            .Where(e => e.Summary.Kind != HandlerKind.Event && e.Summary.Message is { IsAbstract: false } && !e.Summary.MessageConsumer)
            .GroupBy(e => (e.Summary.Kind, e.Summary.Message!.TypeName))
            .Select(g => g.First())
            .ToList();
    }

    public CompositionModel Composition { get; }

    public ModuleInfo Module { get; }

    /// <summary>Every endpoint the module routes to, by handler class then declaration (projection handlers are not among them).</summary>
    public IReadOnlyList<ModuleEndpoint> Endpoints { get; }

    /// <summary>The members holding the module's projection definitions.</summary>
    public IReadOnlyList<string> Projections { get; }

    /// <summary>The aggregates kept in the document store.</summary>
    public IReadOnlyList<StoredAggregate> Stored { get; }

    /// <summary>The event-sourced aggregates, each with a generated definition and repository.</summary>
    public IReadOnlyList<EventSourcedPlan> EventSourced { get; }

    public IReadOnlyList<MessagePlan> Messages { get; }

    /// <summary>The endpoint each generated typed SendAsync overload binds to (one per message and kind).</summary>
    public IReadOnlyList<ModuleEndpoint> TypedRequests { get; }

    public string ModuleFullName => FullName(Module);

    public static string FullName(ModuleInfo module) => "global::" + (module.Namespace.Length == 0 ? string.Empty : module.Namespace + ".") + module.ClassName;

    private static IReadOnlyList<MessagePlan> BuildRegistry(IEnumerable<MessageRef?> candidates, EquatableArray<JsonContextModel> contexts)
    {
        var messages = new List<MessagePlan>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Neither object nor the stored event (a projection's raw handlers) is a message of the module.
        foreach (var message in candidates.Where(m => m is not null && m.TypeName is not ("object" or "global::" + KnownNames.RecordedEvent)).OrderBy(m => m!.TypeName, StringComparer.Ordinal))
        {
            if (!seen.Add(message!.TypeName))
            {
                continue;
            }

            var context = contexts.FirstOrDefault(c => c.Types.Contains(message.TypeName));
            messages.Add(new MessagePlan(message, CSharpNames.Member(message.ShortName), context?.TypeName));
        }

        // Short names may collide across namespaces: suffix the later ones.
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            var field = messages[i].FieldName;
            for (var n = 2; !names.Add(field); n++)
            {
                field = messages[i].FieldName + "_" + n;
            }

            messages[i] = messages[i] with { FieldName = field };
        }

        return messages;
    }
}

/// <summary>An endpoint as the module sees it: the member holding it (<c>Holder.Field</c>) and its summary.</summary>
internal sealed record ModuleEndpoint(string Member, EndpointSummary Summary);

/// <summary>An event-sourced aggregate type and its description.</summary>
internal sealed record EventSourcedPlan(string TypeName, EventSourcedModel Model);

/// <summary>A registry entry: the message, the field naming it, and the JSON context covering it.</summary>
internal sealed record MessagePlan(MessageRef Message, string FieldName, string? JsonContext);
