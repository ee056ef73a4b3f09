using System.Collections.Generic;
using System.Linq;

namespace Estuary;

/// <summary>What a consumer run did, by outcome.</summary>
public sealed class ConsumerRunResult
{
    private readonly Dictionary<DeliveryOutcome, int> _counts = [];

    /// <summary>The channel consumed.</summary>
    public required string Channel { get; init; }

    /// <summary>Messages received.</summary>
    public int Received { get; private set; }

    /// <summary>Whether the run stopped because a message failed (a stop-consumer strategy, or <see cref="ConsumerLimits.StopOnFailure"/>).</summary>
    public bool StoppedOnFailure { get; internal set; }

    /// <summary>How many received messages ended with <paramref name="outcome"/>.</summary>
    public int this[DeliveryOutcome outcome] => _counts.GetValueOrDefault(outcome);

    internal void Count(DeliveryOutcome outcome)
    {
        lock (_counts)
        {
            Received++;
            _counts[outcome] = _counts.GetValueOrDefault(outcome) + 1;
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_counts)
        {
            var parts = new List<string>();
            // In the enum's order, not the order outcomes happened in, so the text is stable.
            foreach (var pair in _counts.OrderBy(static p => p.Key))
            {
                parts.Add($"{pair.Key}: {pair.Value}");
            }

            return $"{Channel}: {Received} received" + (parts.Count == 0 ? string.Empty : " (" + string.Join(", ", parts) + ")");
        }
    }
}
