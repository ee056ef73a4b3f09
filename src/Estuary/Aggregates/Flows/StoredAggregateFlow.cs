using System;
using System.ComponentModel;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// The flows of state-stored aggregate and saga endpoints, written once: generated endpoints bind the
/// handler's arguments in a static lambda and call one of these. A factory's instance is saved as new;
/// an action loads its instance, calls the handler, then saves it at the version it was loaded with
/// (a completed saga is deleted instead), so a concurrent change fails with
/// <see cref="ConcurrencyException"/> and is retried when the handler allows it; a query loads and asks.
/// Recorded events are published after the save, in the same unit of work.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StoredAggregateFlow
{
    /// <summary>Saves an instance a factory made as new (version 1) and publishes what it recorded.</summary>
    public static async ValueTask<TAggregate> CreateAsync<TAggregate>(StoredAggregateDefinition<TAggregate> definition, IAggregateRepository<TAggregate> repository, TAggregate created, MessageContext context)
        where TAggregate : class
    {
        await SaveNewAsync(definition, repository, created, context).ConfigureAwait(false);
        await RecordedEvents.PublishAsync(definition.RecordedEvents(created), context, definition.IdOf(created)).ConfigureAwait(false);
        return created;
    }

    /// <summary>Loads the instance, asks it, and saves nothing.</summary>
    public static async ValueTask<TResult> AskAsync<TAggregate, TMessage, TResult>(
        StoredAggregateDefinition<TAggregate> definition,
        IAggregateRepository<TAggregate> repository,
        string id,
        TMessage message,
        MessageContext context,
        Func<TAggregate, TMessage, MessageContext, ValueTask<TResult>> ask)
        where TAggregate : class
    {
        var loaded = await AggregateRuntime.LoadAsync(repository, definition.Name, id, context.CancellationToken).ConfigureAwait(false);
        definition.SetVersion(loaded.Document, loaded.Version);
        return await ask(loaded.Document, message, context).ConfigureAwait(false);
    }

    /// <summary>Loads the instance, acts on it and saves it (or deletes a completed saga); <paramref name="whenMissing"/> decides about a missing one.</summary>
    public static ValueTask<Acted<TAggregate, TResult>> ActAsync<TAggregate, TMessage, TResult>(
        StoredAggregateDefinition<TAggregate> definition,
        IAggregateRepository<TAggregate> repository,
        string id,
        TMessage message,
        MessageContext context,
        Func<TAggregate, TMessage, MessageContext, ValueTask<TResult>> act,
        WhenMissing whenMissing = WhenMissing.Throw,
        int retries = 0)
        where TAggregate : class =>
        RunAsync(new Target<TAggregate>(definition, repository, id), message, context, act, create: null, whenMissing, retries, also: null);

    /// <summary>As <see cref="ActAsync"/>, but a missing instance is made by <paramref name="create"/> (load or create).</summary>
    public static ValueTask<Acted<TAggregate, TResult>> ActOrCreateAsync<TAggregate, TMessage, TResult>(
        StoredAggregateDefinition<TAggregate> definition,
        IAggregateRepository<TAggregate> repository,
        string id,
        TMessage message,
        MessageContext context,
        Func<TAggregate, TMessage, MessageContext, ValueTask<TResult>> act,
        Func<TMessage, MessageContext, ValueTask<TAggregate>> create,
        int retries = 0)
        where TAggregate : class =>
        RunAsync(new Target<TAggregate>(definition, repository, id), message, context, act, create, WhenMissing.Throw, retries, also: null);

    /// <summary>
    /// As <see cref="ActAsync"/> for an action that returns another instance to create: it is saved as
    /// new right after the acting instance, and its recorded events published after the acting one's.
    /// </summary>
    public static ValueTask<Acted<TAggregate, TCreated>> ActAndCreateAsync<TAggregate, TMessage, TCreated>(
        StoredAggregateDefinition<TAggregate> definition,
        IAggregateRepository<TAggregate> repository,
        string id,
        TMessage message,
        MessageContext context,
        Func<TAggregate, TMessage, MessageContext, ValueTask<TCreated>> act,
        StoredAggregateDefinition<TCreated> createdDefinition,
        IAggregateRepository<TCreated> createdRepository,
        int retries = 0)
        where TAggregate : class
        where TCreated : class =>
        RunAsync(new Target<TAggregate>(definition, repository, id), message, context, act, create: null, WhenMissing.Throw, retries, new AlsoCreated<TCreated>(createdDefinition, createdRepository));

    private static async ValueTask<Acted<TAggregate, TResult>> RunAsync<TAggregate, TMessage, TResult>(
        Target<TAggregate> target,
        TMessage message,
        MessageContext context,
        Func<TAggregate, TMessage, MessageContext, ValueTask<TResult>> act,
        Func<TMessage, MessageContext, ValueTask<TAggregate>>? create,
        WhenMissing whenMissing,
        int retries,
        IAlsoCreated<TResult>? also)
        where TAggregate : class
    {
        var (definition, repository, id) = (target.Definition, target.Repository, target.Id);
        for (var attempt = 0; ; attempt++)
        {
            // A save that lost to a concurrent change loads the new version and runs the handler again;
            // a conflict after this instance was saved (a subscriber's own) is not retried here.
            var checkpoint = retries > 0 ? AggregateRuntime.Checkpoint() : default;
            var saved = false;
            try
            {
                var found = await repository.FindAsync(id, context.CancellationToken).ConfigureAwait(false);
                if (found is not { } loaded)
                {
                    if (create is not null)
                    {
                        var made = await create(message, context).ConfigureAwait(false);
                        await SaveNewAsync(definition, repository, made, context).ConfigureAwait(false);
                        saved = true;
                        await RecordedEvents.PublishAsync(definition.RecordedEvents(made), context, definition.IdOf(made)).ConfigureAwait(false);
                        return new Acted<TAggregate, TResult>(made, default!, Created: true);
                    }

                    return whenMissing == WhenMissing.Skip ? default : throw new AggregateNotFoundException(definition.Name, id);
                }

                var aggregate = loaded.Document;
                definition.SetVersion(aggregate, loaded.Version);
                var result = await act(aggregate, message, context).ConfigureAwait(false);
                if (definition.IsCompleted(aggregate))
                {
                    // The saga is over: its state leaves the store.
                    await repository.DeleteAsync(id, loaded.Version, context.CancellationToken).ConfigureAwait(false);
                }
                else
                {
                    definition.SetVersion(aggregate, loaded.Version + 1);
                    await repository.SaveAsync(id, aggregate, loaded.Version, context.CancellationToken).ConfigureAwait(false);
                }

                saved = true;
                if (also is not null)
                {
                    await also.SaveAsync(result, context).ConfigureAwait(false);
                }

                await RecordedEvents.PublishAsync(definition.RecordedEvents(aggregate), context, id).ConfigureAwait(false);
                if (also is not null)
                {
                    await also.PublishAsync(result, context).ConfigureAwait(false);
                }

                return new Acted<TAggregate, TResult>(aggregate, result, Created: false);
            }
            catch (ConcurrencyException) when (!saved && retries > 0 && AggregateRuntime.RetryAfterConflict(checkpoint, attempt, retries))
            {
            }
        }
    }

    private static async ValueTask SaveNewAsync<TAggregate>(StoredAggregateDefinition<TAggregate> definition, IAggregateRepository<TAggregate> repository, TAggregate created, MessageContext context)
        where TAggregate : class
    {
        definition.SetVersion(created, 1);
        await repository.SaveAsync(definition.IdOf(created), created, 0, context.CancellationToken).ConfigureAwait(false);
    }

    private readonly record struct Target<TAggregate>(StoredAggregateDefinition<TAggregate> Definition, IAggregateRepository<TAggregate> Repository, string Id)
        where TAggregate : class;

    private interface IAlsoCreated<in TCreated>
    {
        ValueTask SaveAsync(TCreated created, MessageContext context);

        ValueTask PublishAsync(TCreated created, MessageContext context);
    }

    private sealed class AlsoCreated<TCreated>(StoredAggregateDefinition<TCreated> definition, IAggregateRepository<TCreated> repository) : IAlsoCreated<TCreated>
        where TCreated : class
    {
        public ValueTask SaveAsync(TCreated created, MessageContext context) => SaveNewAsync(definition, repository, created, context);

        public ValueTask PublishAsync(TCreated created, MessageContext context) => RecordedEvents.PublishAsync(definition.RecordedEvents(created), context, definition.IdOf(created));
    }
}
