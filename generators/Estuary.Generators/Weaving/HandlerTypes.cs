using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>Groups handler methods by class, and names and summarizes each class's endpoints from that class alone.</summary>
internal static class HandlerTypes
{
    public static ImmutableArray<HandlerTypeModel> Group(ImmutableArray<HandlerModel> handlers) =>
        LoadOrCreate.Merge(handlers)
            .GroupBy(h => h.DeclaringType.FullName, System.StringComparer.Ordinal)
            .OrderBy(g => g.Key, System.StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderBy(h => h.DeclarationIndex).ToEquatableArray();
                var first = ordered[0];
                return new HandlerTypeModel
                {
                    Type = first.DeclaringType,
                    Namespace = first.Namespace,
                    Handlers = ordered,
                    Names = Name(first.DeclaringType, ordered),
                };
            })
            .ToImmutableArray();

    /// <summary>
    /// The holder is the full type name with dots as <c>_</c> (underscores doubled first, so
    /// <c>A.B_C</c> and <c>A_B.C</c> stay apart); fields are method names, numbered from the second
    /// overload on, never equal to the holder or to another endpoint's class.
    /// </summary>
    private static EndpointNames Name(TypeRef type, EquatableArray<HandlerModel> handlers)
    {
        var holder = CSharpNames.Member(type.PlainName.Replace("_", "__").Replace('.', '_') + "Endpoints");
        var used = new HashSet<string>(System.StringComparer.Ordinal) { holder, ProjectionEmitter.Field, ProjectionEmitter.ClassName, ProjectionEmitter.TriggerField };
        var fields = new List<string>();
        foreach (var handler in handlers)
        {
            var wanted = CSharpNames.Member(handler.MethodName);
            var field = wanted;
            for (var i = 2; used.Contains(field) || used.Contains(field + "Endpoint"); i++)
            {
                field = wanted + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            used.Add(field);
            used.Add(field + "Endpoint");
            fields.Add(field);
        }

        return new EndpointNames { Holder = holder, Fields = fields.ToEquatableArray() };
    }

    public static HandlerTypeSummary Summarize(HandlerTypeModel type)
    {
        var handlers = type.Handlers;
        var service = handlers.FirstOrDefault(h => !h.IsStatic && h.Aggregate is null);
        var projection = type.Projection;

        // A projection whose hooks are instance methods is resolved like an instance handler.
        var hooksNeedInstance = projection is not null && projection.Hooks.Any(h => !h.IsStatic);
        return new HandlerTypeSummary
        {
            Type = type.Type,
            Namespace = type.Namespace,
            Holder = type.Names.Holder,
            Endpoints = handlers.Select((h, i) => new EndpointSummary
            {
                Field = type.Names.Fields[i],
                DisplayName = h.DisplayName,
                Kind = h.Kind,
                Message = h.Message,
                ResultType = h.ResultType,
                PublicSignature = h.PublicSignature,
                InProjection = h.Projection is not null,
                MessageConsumer = h.MessageConsumer,
            }).Concat(Trigger(projection)).ToEquatableArray(),
            IsService = service is not null || hooksNeedInstance,
            Constructor = service is not null ? service.Constructor : projection?.Constructor,
            IsProjection = projection is not null,
            Aggregates = handlers.Select(h => h.Aggregate).OfType<AggregateModel>().SelectMany(Stored).Distinct().ToEquatableArray(),
        };
    }

    // A triggered projection's trigger is a routed command endpoint of its own, reached by routing key only.
    private static IEnumerable<EndpointSummary> Trigger(ProjectionModel? projection)
    {
        if (projection?.Trigger is not null)
        {
            yield return new EndpointSummary
            {
                Field = ProjectionEmitter.TriggerField,
                DisplayName = "projection:" + projection.Name,
                Kind = HandlerKind.Command,
                Message = null,
                ResultType = null,
                PublicSignature = false,
                InProjection = false,
            };
        }
    }

    // An aggregate that an action returns is stored too, even without handlers of its own.
    private static IEnumerable<StoredAggregate> Stored(AggregateModel aggregate)
    {
        yield return new StoredAggregate { TypeName = aggregate.TypeName, Name = aggregate.Name, EventSourced = aggregate.EventSourced, Definition = aggregate.Definition };
        if (aggregate.EventSourced is null && aggregate.Creates is { } created)
        {
            yield return new StoredAggregate { TypeName = created.TypeName, Name = created.Name, EventSourced = null, Definition = created.Definition };
        }
    }
}
