using System;
using System.Collections.Generic;

namespace Estuary;

/// <summary>
/// What is stored with each event besides its payload: where it came from (correlation, causation),
/// which aggregate recorded it at which version, and user headers as text.
/// </summary>
public sealed record EventMetadata
{
    // Declared before Empty: static initializers run in text order, and Empty's Headers default to this.
    private static readonly IReadOnlyDictionary<string, string> s_emptyHeaders = new Dictionary<string, string>(0, StringComparer.Ordinal);

    /// <summary>No metadata.</summary>
    public static EventMetadata Empty { get; } = new();

    /// <summary>The correlation id of the message that led to the event.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The id of the message whose handling recorded the event.</summary>
    public string? CausationId { get; init; }

    /// <summary>The identifier of the aggregate that recorded the event, as text.</summary>
    public string? AggregateId { get; init; }

    /// <summary>The stable name of the aggregate type that recorded the event.</summary>
    public string? AggregateType { get; init; }

    /// <summary>The aggregate's version this event gave it.</summary>
    public long? AggregateVersion { get; init; }

    /// <summary>Further headers, as text (user headers of the message, tenant...).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = s_emptyHeaders;

    /// <inheritdoc />
    public bool Equals(EventMetadata? other) =>
        other is not null && CorrelationId == other.CorrelationId && CausationId == other.CausationId && AggregateId == other.AggregateId
        && AggregateType == other.AggregateType && AggregateVersion == other.AggregateVersion && SameHeaders(Headers, other.Headers);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CorrelationId, CausationId, AggregateId, AggregateType, AggregateVersion, Headers.Count);

    private static bool SameHeaders(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }
}
