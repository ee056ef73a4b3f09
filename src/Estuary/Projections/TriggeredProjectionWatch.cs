using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Sends a trigger to a triggered projection that has events to read but did not move since the last
/// look. Appends through event-sourced repositories trigger their projections themselves; this catches
/// the rest: events appended through <see cref="IEventStore"/> directly, events a trigger could not see
/// yet because an older transaction was still open when it ran, a trigger lost to an append made outside
/// a unit of work. A projection that stays put although triggered (a batch that keeps failing and ends in
/// the dead letter) is triggered again after twice the wait each time, up to <see cref="MaxBackoff"/>,
/// so a stuck projection does not fill the dead letter; the wait starts over once it moves.
/// </summary>
internal sealed class TriggeredProjectionWatch(EstuaryProjections projections, TimeProvider time, TimeSpan interval)
{
    /// <summary>The longest wait between two triggers of a projection that does not move.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, Stall> _stalls = new(StringComparer.Ordinal);

    /// <summary>Looks at every triggered projection; triggers those that are due; returns their names.</summary>
    public async Task<IReadOnlyList<string>> TriggerStalledAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var triggered = new List<string>();
        var behind = await projections.TriggeredBehindAsync(cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (projection, progress) in behind)
        {
            seen.Add(projection.Name);
            if (!_stalls.TryGetValue(projection.Name, out var stall) || stall.Progress != progress)
            {
                // Behind but moving (or first seen): its triggers are doing their work; look again next turn.
                _stalls[projection.Name] = new Stall(progress, Wait: interval, Due: now);
                continue;
            }

            if (now < stall.Due)
            {
                continue;
            }

            await projections.TriggerAsync(projection, cancellationToken).ConfigureAwait(false);
            triggered.Add(projection.Name);
            var wait = stall.Wait * 2 < MaxBackoff ? stall.Wait * 2 : MaxBackoff;
            _stalls[projection.Name] = stall with { Wait = wait, Due = now + stall.Wait };
        }

        // Caught up: a later stall starts with the shortest wait.
        foreach (var name in new List<string>(_stalls.Keys))
        {
            if (!seen.Contains(name))
            {
                _stalls.Remove(name);
            }
        }

        return triggered;
    }

    private sealed record Stall(ProjectionProgress Progress, TimeSpan Wait, DateTimeOffset Due);
}
