using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// Pairs an aggregate's static factory and instance action for the same message into one endpoint
/// that loads the instance and acts on it if it exists, else creates it ("load or create"). Messages
/// may arrive in any order this way: a saga started by whichever of two events comes first.
/// </summary>
internal static class LoadOrCreate
{
    public static IEnumerable<HandlerModel> Merge(IEnumerable<HandlerModel> handlers)
    {
        var all = handlers.ToList();
        var merged = new HashSet<HandlerModel>();
        var result = new List<HandlerModel>();
        foreach (var group in all.Where(h => h.Aggregate is not null).GroupBy(h => (h.Aggregate!.TypeName, h.Kind, h.Message?.TypeName, h.RoutingKey)))
        {
            var factories = group.Where(h => h.Aggregate!.IsFactory).ToList();
            var actions = group.Where(h => h.Aggregate is { IsFactory: false, ReadOnly: false, Creates: null }).ToList();
            if (factories.Count != 1 || actions.Count != 1 || !Compatible(factories[0], actions[0]))
            {
                continue;
            }

            // Both branches answer the same: the action's result, or the instance's identifier.
            var factory = factories[0];
            var action = actions[0];
            result.Add(action with { ResultType = factory.ResultType, CreateWith = factory });
            merged.Add(factory);
            merged.Add(action);
        }

        return all.Where(h => !merged.Contains(h)).Concat(result);
    }

    /// <summary>Whether one endpoint can stand for both: the action answers nothing, or the identifier like the factory.</summary>
    public static bool Compatible(HandlerModel factory, HandlerModel action) =>
        AggregateAnswers.Mergeable(factory.ResultType, action.Aggregate!, action.ResultType);
}
