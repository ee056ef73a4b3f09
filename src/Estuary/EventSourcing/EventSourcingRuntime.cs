using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>What generated event-sourced endpoints call: the new events a handler yields, and loading that fails clearly.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EventSourcingRuntime
{
    /// <summary>A handler's events as a list: none for null, the items of a sequence, or the single event.</summary>
    public static IReadOnlyList<object> Events(object? yielded)
    {
        switch (yielded)
        {
            case null:
                return [];
            case IReadOnlyList<object> list:
                return list;
            case IEnumerable sequence and not string:
                var events = new List<object>();
                foreach (var item in sequence)
                {
                    if (item is not null)
                    {
                        events.Add(item);
                    }
                }

                return events;
            default:
                return [yielded];
        }
    }

    /// <summary>Loads the instance or throws <see cref="AggregateNotFoundException"/>.</summary>
    public static async ValueTask<EventSourcedInstance<TAggregate>> LoadAsync<TAggregate>(EventSourcedRepository<TAggregate> repository, string id, CancellationToken cancellationToken)
        where TAggregate : class =>
        await repository.LoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new AggregateNotFoundException(repository.Definition.TypeName, id);
}
