using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Inspects and replays the dead letter: list, show, replay one or all to the endpoint each message
/// was meant for, delete. A replayed message keeps its id (so deduplication still protects against
/// a double effect), starts with no failed attempts and carries the <c>replayed</c> header. A message
/// being replayed is always in the dead letter, its channel, or both; never in neither.
/// </summary>
public sealed class DeadLetters(IDeadLetterStore store, EstuaryRuntime runtime, ITransactionSessionFactory? sessions = null)
{
    private const int ReplayBatch = 100;

    /// <summary>The number of dead letters.</summary>
    public ValueTask<long> CountAsync(CancellationToken cancellationToken = default) => store.CountAsync(cancellationToken);

    /// <summary>Dead letters, oldest first.</summary>
    public ValueTask<IReadOnlyList<DeadLetter>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        store.ListAsync(offset, limit, cancellationToken);

    /// <summary>One dead letter, or <see langword="null"/>.</summary>
    public ValueTask<DeadLetter?> GetAsync(Guid id, string endpointId, CancellationToken cancellationToken = default) =>
        store.GetAsync(id, endpointId, cancellationToken);

    /// <summary>Deletes a dead letter without replaying it; returns whether it existed.</summary>
    public ValueTask<bool> DeleteAsync(Guid id, string endpointId, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(id, endpointId, cancellationToken);

    /// <summary>Sends a dead letter back to its channel and removes it; returns whether it existed.</summary>
    public async ValueTask<bool> ReplayAsync(Guid id, string endpointId, CancellationToken cancellationToken = default) =>
        await store.GetAsync(id, endpointId, cancellationToken).ConfigureAwait(false) is { } entry
        && await ReplayAsync(entry, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Replays every dead letter stored when the call started; returns how many were replayed. Entries
    /// stored meanwhile (a replayed message that failed again, say) wait for the next replay, so the
    /// call ends however the consumers fare.
    /// </summary>
    public async ValueTask<int> ReplayAllAsync(CancellationToken cancellationToken = default)
    {
        var through = await store.LastGenerationAsync(cancellationToken).ConfigureAwait(false);
        var after = 0L;
        var replayed = 0;
        while (true)
        {
            var batch = await store.ListGenerationsAsync(after, through, ReplayBatch, cancellationToken).ConfigureAwait(false);
            foreach (var entry in batch)
            {
                if (await ReplayAsync(entry, cancellationToken).ConfigureAwait(false))
                {
                    replayed++;
                }

                after = entry.Generation;
            }

            if (batch.Count < ReplayBatch)
            {
                return replayed;
            }
        }
    }

    private async ValueTask<bool> ReplayAsync(DeadLetter entry, CancellationToken cancellationToken)
    {
        var channel = runtime.Channels.Get(entry.Channel);
        var headers = new Dictionary<string, string>(entry.Message.Headers, StringComparer.Ordinal)
        {
            [MessageHeaderNames.Replayed] = "true",
        };
        var message = entry.Message.ForReplay(headers);

        if (sessions is not null)
        {
            var session = await sessions.BeginAsync(cancellationToken).ConfigureAwait(false);
            if (channel.Joins(session))
            {
                // One transaction: the entry leaves the dead letter as the message enters its channel.
                // The scope owns the session from here, and ends it however this goes.
                await using var scope = UnitOfWork.Begin(runtime, session);
                if (!await store.RemoveAsync(entry, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                await channel.SendAsync(message, cancellationToken).ConfigureAwait(false);
                await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }

            try
            {
                await session.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                if (session is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        // The channel cannot share the store's transaction: the message is sent first, then this
        // generation of the entry removed. If a consumer already failed the replayed message and stored
        // it again, that newer entry stays; if the process dies in between, the message is in both
        // places and deduplication by message id makes its second handling a no-op.
        await channel.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await store.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
