using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Remembers which messages (by id, or by a custom key) an endpoint has handled, so a redelivered
/// or re-sent message has no second effect. The mark is written in the handler's unit of work: if
/// the handler fails, the mark is undone with everything else.
/// </summary>
public interface IDeduplicationStore
{
    /// <summary>
    /// Records <paramref name="key"/> as handled by <paramref name="endpointId"/>; returns
    /// <see langword="false"/> when it was already recorded (the message is a duplicate).
    /// </summary>
    ValueTask<bool> TryRecordAsync(string endpointId, string key, CancellationToken cancellationToken);

    /// <summary>Forgets marks recorded before <paramref name="before"/>, at most <paramref name="batchSize"/> at a time; returns how many were removed.</summary>
    ValueTask<long> RemoveExpiredAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken);

    /// <summary>
    /// Counts the marks recorded before <paramref name="before"/>: those <see cref="RemoveExpiredAsync"/>
    /// with the same instant would remove. Changes nothing (<c>estuary dedup cleanup --dry-run</c> uses it).
    /// </summary>
    ValueTask<long> CountRecordedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
