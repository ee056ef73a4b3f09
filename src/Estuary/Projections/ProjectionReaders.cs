using System.Collections.Generic;
using System.Linq;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// The projections of a host that read one stream: whether any is polled (the worker is woken after an
/// append), the triggered ones (a trigger joins the append), the synchronous ones (run in the append's
/// unit of work, in name order so two appends take their locks in the same order).
/// </summary>
internal sealed record ProjectionReaders(bool Polled, ProjectionDefinition[] Triggered, ProjectionDefinition[] Synchronous)
{
    public static ProjectionReaders Of(IReadOnlyList<ProjectionDefinition> projections, string streamId)
    {
        var reading = projections.Where(p => p.Reads(streamId)).ToArray();
        return new ProjectionReaders(
            reading.Any(static p => p.Channel is null && !p.IsSynchronous),
            [.. reading.Where(static p => p.Channel is not null)],
            [.. reading.Where(static p => p.IsSynchronous).OrderBy(static p => p.Name, System.StringComparer.Ordinal)]);
    }
}
