using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Inspects and replays the dead letter: list, show, replay one or all to the endpoint each message
/// was meant for, delete. A replayed message keeps its id (so deduplication still protects against
/// a double effect), starts with no failed attempts and carries the <c>replayed</c> header.
/// </summary>
public sealed class DeadLetters(IDeadLetterStore store, EstuaryRuntime runtime)
{
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
    public async ValueTask<bool> ReplayAsync(Guid id, string endpointId, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(id, endpointId, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return false;
        }

        await ReplayAsync(entry, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Replays every dead letter; returns how many were replayed.</summary>
    public async ValueTask<int> ReplayAllAsync(CancellationToken cancellationToken = default)
    {
        var replayed = 0;
        while (true)
        {
            var batch = await store.ListAsync(0, 100, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return replayed;
            }

            foreach (var entry in batch)
            {
                await ReplayAsync(entry, cancellationToken).ConfigureAwait(false);
                replayed++;
            }
        }
    }

    private async ValueTask ReplayAsync(DeadLetter entry, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(entry.Message.Headers, StringComparer.Ordinal)
        {
            [MessageHeaderNames.Replayed] = "true",
        };

        // Sent before it is deleted: a crash in between replays it twice, and deduplication by
        // message id makes the second one a no-op.
        await runtime.Channels.Get(entry.Channel).SendAsync(entry.Message.ForReplay(headers), cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(entry.Id, entry.Message.EndpointId, cancellationToken).ConfigureAwait(false);
    }
}
