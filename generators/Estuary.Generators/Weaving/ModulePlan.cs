using System;
using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// The module as it will be emitted: endpoint plans with unique member names in a stable order,
/// the message registry, and which handler each typed bus overload binds to.
/// </summary>
internal sealed class ModulePlan
{
    public ModulePlan(CompositionModel composition)
    {
        Composition = composition;
        Module = composition.Module;
        var interceptors = composition.Interceptors.ToList();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var plans = new List<EndpointPlan>();
        foreach (var handler in LoadOrCreate.Merge(composition.Handlers)
            .OrderBy(h => h.DeclaringType.FullName, StringComparer.Ordinal)
            .ThenBy(h => h.DeclarationIndex))
        {
            var baseName = CSharpNames.Member(handler.DeclaringType.Name + "_" + handler.MethodName);
            var name = baseName;
            for (var i = 2; !usedNames.Add(name); i++)
            {
                name = baseName + "_" + i;
            }

            plans.Add(new EndpointPlan(handler, name, interceptors));
        }

        Endpoints = plans;
        // Those with handlers, and those a [Repository] interface loads.
        EventSourced = plans.Select(p => p.Handler.Aggregate).OfType<AggregateModel>()
            .Where(a => a.EventSourced is not null)
            .Select(a => (a.TypeName, Model: a.EventSourced!))
            .Concat(composition.Repositories.SelectMany(r => r.Methods).Where(m => m.EventSourced is not null).Select(m => (TypeName: m.AggregateType, Model: m.EventSourced!)))
            .GroupBy(a => a.TypeName)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EventSourcedPlan(g.Key, g.First().Model))
            .ToList();
        Messages = BuildRegistry(plans.Select(p => p.Handler.Message).Concat(composition.NamedMessages), composition.JsonContexts);
        TypedRequests = plans
            .Where(p => p.Handler.Kind != HandlerKind.Event && p.Handler.Message is { IsAbstract: false })
            .GroupBy(p => (p.Handler.Kind, p.Handler.Message!.TypeName))
            .Select(g => g.First())
            .ToList();
    }

    public CompositionModel Composition { get; }

    public ModuleInfo Module { get; }

    public IReadOnlyList<EndpointPlan> Endpoints { get; }

    /// <summary>The event-sourced aggregates, each with a generated definition and repository.</summary>
    public IReadOnlyList<EventSourcedPlan> EventSourced { get; }

    public IReadOnlyList<MessagePlan> Messages { get; }

    /// <summary>The endpoint each generated typed SendAsync overload binds to (one per message and kind).</summary>
    public IReadOnlyList<EndpointPlan> TypedRequests { get; }

    public string ModuleFullName => "global::" + (Module.Namespace.Length == 0 ? string.Empty : Module.Namespace + ".") + Module.ClassName;

    private static IReadOnlyList<MessagePlan> BuildRegistry(IEnumerable<MessageRef?> candidates, EquatableArray<JsonContextModel> contexts)
    {
        var messages = new List<MessagePlan>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in candidates.Where(m => m is not null && m.TypeName != "object").OrderBy(m => m!.TypeName, StringComparer.Ordinal))
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

/// <summary>An event-sourced aggregate type and its description.</summary>
internal sealed record EventSourcedPlan(string TypeName, EventSourcedModel Model);

/// <summary>A registry entry: the message, the field naming it, and the JSON context covering it.</summary>
internal sealed record MessagePlan(MessageRef Message, string FieldName, string? JsonContext);
