using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// What every projection batch does, whoever runs it (the whole store's order or one partition's
/// stream): run in a unit of work, and hand each stored event to the endpoints of the projection that take it.
/// </summary>
internal sealed class ProjectionHandling(EstuaryRuntime runtime, IProjectionStore store, ITransactionSessionFactory? sessions)
{
    private readonly ConcurrentDictionary<(ProjectionDefinition, string), EventEndpoint[]> _routes = new();

    /// <summary>The host's runtime.</summary>
    public EstuaryRuntime Runtime => runtime;

    /// <summary>
    /// Runs <paramref name="work"/> in the current unit of work when asked and the store writes in its
    /// transaction; else in a unit of work of its own, committed here unless the work returned null
    /// (it found what it needed held by another).
    /// </summary>
    public async Task<T?> InUnitOfWorkAsync<T>(bool joinCurrent, Func<CancellationToken, Task<T?>> work, CancellationToken cancellationToken)
        where T : class
    {
        if (joinCurrent && UnitOfWork.Current is { } current && store.CanJoin(current.Session))
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }

        var session = sessions is null ? null : await sessions.BeginAsync(cancellationToken).ConfigureAwait(false);
        await using var scope = UnitOfWork.Begin(runtime, session);
        if (await work(cancellationToken).ConfigureAwait(false) is not { } result)
        {
            return null;
        }

        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Hands the event to the endpoints that take it, each on a context of its own; false when none does
    /// (an event of another stream, or of a type no handler takes). Replayed (handled before the last
    /// reset): <see cref="ProjectionEmitter"/> emits nothing for it.
    /// </summary>
    public async ValueTask<bool> HandleAsync(ProjectionDefinition projection, RecordedEvent recorded, bool replaying, ProjectionStateSlot state, CancellationToken cancellationToken)
    {
        if (!projection.Reads(recorded.StreamId) || Route(projection, recorded.Type) is not { Length: > 0 } endpoints)
        {
            return false;
        }

        // Deserialized once, and only when a handler takes the event (not the stored row, not nothing).
        var batch = MessageContext.Current!;
        var handling = new ProjectionEvent(projection.Name, recorded, replaying, state);
        object? payload = null;
        foreach (var endpoint in endpoints)
        {
            var context = MessageContext.CreateForStoredEvent(runtime, recorded, batch, handling);
            MessageContext.EnterAsync(context);
            try
            {
                var argument = IsRaw(endpoint) ? recorded
                    : endpoint.MessageType is null ? null
                    : payload ??= await runtime.Events.DeserializeAsync(recorded, cancellationToken).ConfigureAwait(false);
                await endpoint.InvokeAsync(argument, context).ConfigureAwait(false);
            }
            finally
            {
                MessageContext.EnterAsync(batch);
            }
        }

        return true;
    }

    /// <summary>A state slot over what the projection (or partition) saved.</summary>
    public ProjectionStateSlot State(byte[]? saved) => new(saved, runtime.Json);

    // The endpoints taking an event stored under this name: the raw ones (every event), and those taking
    // its type or matching it by pattern, as the event bus routes; a name the registry does not know has
    // no payload to give, so only pattern handlers without a message parameter take it.
    private EventEndpoint[] Route(ProjectionDefinition projection, string eventName) =>
        _routes.GetOrAdd((projection, eventName), static (key, registry) =>
        {
            var type = registry.TryGetByName(key.Item2, out var registered) ? registered.ClrType : null;
            return key.Item1.Endpoints
                .Where(e => IsRaw(e) || (e.Accepts(type, key.Item2) && (type is not null || e.MessageType is null)))
                .ToArray();
        }, runtime.Messages);

    // A handler taking the stored event itself: it gets every event of the projection's streams, not deserialized.
    private static bool IsRaw(EventEndpoint endpoint) => endpoint.MessageType == typeof(RecordedEvent);
}
