using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Runs one batch of a projection as one unit of work: take the projection (its row lock), run the
/// initialization hook the first time, read the next events of the store after its position, hand
/// each event of its streams to the endpoints that take it, flush, save the new position, commit.
/// Anything that throws rolls the whole batch back, position included: the next batch reads the same
/// events again. Batches of one projection never overlap (a lock per projection in the process, the
/// store's lock across processes).
/// </summary>
internal sealed class ProjectionRunner(EstuaryRuntime runtime, IEventStore events, IProjectionStore store, ITransactionSessionFactory? sessions)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(ProjectionDefinition, string), EventEndpoint[]> _routes = new();

    /// <summary>Runs one batch; <see cref="ProjectionBatch.Busy"/> when another batch of the projection holds it.</summary>
    public async Task<ProjectionBatch> RunBatchAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        var running = Gate(projection);
        if (!await running.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return ProjectionBatch.Busy;
        }

        try
        {
            return await RunInOwnUnitOfWorkAsync(projection, wait: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>
    /// Runs one batch for a trigger, waiting for a batch that holds the projection: that batch may have
    /// read before the trigger's events were committed, so giving up would leave them unread. The batch
    /// joins the current unit of work (the trigger's delivery) when the store can write in its
    /// transaction, so the position, the read model and the trigger's acknowledgement commit together.
    /// </summary>
    public async Task<ProjectionBatch> RunTriggeredAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        var running = Gate(projection);
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (UnitOfWork.Current?.Session is { } session && store.CanJoin(session))
            {
                return await RunInCurrentUnitOfWorkAsync(projection, wait: true, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The projection store returned no record for '{projection.Name}' although it was asked to wait.");
            }

            return await RunInOwnUnitOfWorkAsync(projection, wait: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>Runs <paramref name="operation"/> on the projection's record in a unit of work of its own, waiting for a running batch to end.</summary>
    public async Task OperateAsync(ProjectionDefinition projection, Func<ProjectionRecord, IServiceProvider, CancellationToken, ValueTask> operation, CancellationToken cancellationToken)
    {
        var running = Gate(projection);
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = sessions is null ? null : await sessions.BeginAsync(cancellationToken).ConfigureAwait(false);
            await using var scope = UnitOfWork.Begin(runtime, session);
            var record = await store.LockAsync(projection.Name, wait: true, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The projection store returned no record for '{projection.Name}' although it was asked to wait.");
            await operation(record, MessageContext.Current!.ScopedServices(), cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            running.Release();
        }
    }

    // Batches of one projection in this process take turns; the store's lock serializes processes.
    private SemaphoreSlim Gate(ProjectionDefinition projection) => _running.GetOrAdd(projection.Name, static _ => new SemaphoreSlim(1, 1));

    private async Task<ProjectionBatch> RunInOwnUnitOfWorkAsync(ProjectionDefinition projection, bool wait, CancellationToken cancellationToken)
    {
        var session = sessions is null ? null : await sessions.BeginAsync(cancellationToken).ConfigureAwait(false);
        await using var scope = UnitOfWork.Begin(runtime, session);
        if (await RunInCurrentUnitOfWorkAsync(projection, wait, cancellationToken).ConfigureAwait(false) is not { } batch)
        {
            return ProjectionBatch.Busy;
        }

        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return batch;
    }

    // Takes the projection, reads, handles, flushes and saves in the current unit of work; the caller commits.
    private async Task<ProjectionBatch?> RunInCurrentUnitOfWorkAsync(ProjectionDefinition projection, bool wait, CancellationToken cancellationToken)
    {
        if (await store.LockAsync(projection.Name, wait, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        var batch = MessageContext.Current!;
        var services = batch.ScopedServices();
        if (!record.Initialized)
        {
            await projection.InitializeAsync(services, cancellationToken).ConfigureAwait(false);
        }

        var page = await events.ReadAllAsync(record.Position, projection.BatchSize, cancellationToken).ConfigureAwait(false);
        var handled = 0;
        foreach (var recorded in page.Events)
        {
            if (!projection.Reads(recorded.StreamId) || Route(projection, recorded.Type) is not { Length: > 0 } endpoints)
            {
                continue;
            }

            // Deserialized once, and only when a handler takes the event (not the stored row, not nothing).
            object? payload = null;
            foreach (var endpoint in endpoints)
            {
                var context = MessageContext.CreateForStoredEvent(runtime, recorded, batch);
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

            handled++;
        }

        if (handled > 0)
        {
            await projection.FlushAsync(services, cancellationToken).ConfigureAwait(false);
        }

        if (page.Events.Count > 0 || !record.Initialized)
        {
            await store.SaveAsync(record with { Position = page.Next, Initialized = true }, cancellationToken).ConfigureAwait(false);
        }

        return new ProjectionBatch(page.Events.Count, handled, page.Next, CaughtUp: page.Events.Count < projection.BatchSize);
    }

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

/// <summary>What one projection batch did.</summary>
/// <param name="Read">Events of the store read (of every stream).</param>
/// <param name="Handled">Events handed to the projection's handlers.</param>
/// <param name="Position">The position committed.</param>
/// <param name="CaughtUp">Whether the batch read fewer events than it could: nothing more is visible now.</param>
public sealed record ProjectionBatch(int Read, int Handled, AllPosition Position, bool CaughtUp)
{
    /// <summary>Another batch of the projection was running: nothing was done.</summary>
    public static ProjectionBatch Busy { get; } = new(0, 0, AllPosition.Start, CaughtUp: false) { WasBusy = true };

    /// <summary>Whether the projection was held by another batch.</summary>
    public bool WasBusy { get; private init; }
}
