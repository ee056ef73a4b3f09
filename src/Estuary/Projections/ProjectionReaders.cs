using System.Collections.Generic;
using System.Linq;
using Estuary.Runtime;

namespace Estuary;

/// <summary>The projections of a host that read one stream: whether any is polled, and the triggered ones.</summary>
internal sealed record ProjectionReaders(bool Polled, ProjectionDefinition[] Triggered)
{
    public static ProjectionReaders Of(IReadOnlyList<ProjectionDefinition> projections, string streamId)
    {
        var reading = projections.Where(p => p.Reads(streamId)).ToArray();
        return new ProjectionReaders(reading.Any(static p => p.Channel is null), [.. reading.Where(static p => p.Channel is not null)]);
    }
}
