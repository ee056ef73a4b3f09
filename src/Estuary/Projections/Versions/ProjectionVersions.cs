using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// The versions of each projection in the build (<see cref="ProjectionAttribute.Version"/>) and which of
/// them is live. The live version is the highest one whose record says it took over, else the lowest in
/// the build: versions below it are retired (never run again), versions above it build silently, reading
/// no further than the live version has committed, until one takes over. A projection with one version
/// in the build is live, and costs nothing here: its standing is known without reading the store.
/// </summary>
internal sealed class ProjectionVersions
{
    private readonly FrozenDictionary<string, ProjectionDefinition[]> _byLineage;

    /// <summary>Groups <paramref name="projections"/> by the name their versions share, checking that they can run side by side.</summary>
    /// <exception cref="InvalidOperationException">Two projections share a name and version, or a projection with several versions is partitioned.</exception>
    public ProjectionVersions(IEnumerable<ProjectionDefinition> projections)
    {
        var byLineage = new Dictionary<string, ProjectionDefinition[]>(StringComparer.Ordinal);
        foreach (var lineage in projections.GroupBy(static p => p.Lineage, StringComparer.Ordinal))
        {
            var versions = lineage.OrderBy(static p => p.Version).ToArray();
            if (versions.GroupBy(static p => p.Version).FirstOrDefault(static g => g.Count() > 1) is { } twice)
            {
                throw new InvalidOperationException($"Two projections are named '{lineage.Key}' with version {twice.Key}: give the new one a higher Version, or another name.");
            }

            if (versions.Length > 1 && versions.FirstOrDefault(static p => p.IsPartitioned) is { } partitioned)
            {
                throw new InvalidOperationException(
                    $"Projection '{partitioned.Name}' is partitioned and has other versions in the build ({string.Join(", ", versions.Select(static p => p.Name))}): versions of a partitioned projection cannot run side by side yet. Give the new version another name and switch readers yourself.");
            }

            byLineage[lineage.Key] = versions;
        }

        _byLineage = byLineage.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Whether the projection has other versions in the build (so its standing must be read from the store).</summary>
    public bool IsVersioned(ProjectionDefinition projection) => _byLineage[projection.Lineage].Length > 1;

    /// <summary>The versions of projection <paramref name="lineage"/> in the build, lowest first.</summary>
    /// <exception cref="KeyNotFoundException">No projection has that name.</exception>
    public IReadOnlyList<ProjectionDefinition> Of(string lineage) =>
        _byLineage.TryGetValue(lineage, out var versions) ? versions : throw new KeyNotFoundException($"No projection named '{lineage}' in this host.");

    /// <summary>Where the projection stands among its versions, as <paramref name="records"/> say (missing records: never ran).</summary>
    public VersionStanding StandingOf(ProjectionDefinition projection, IReadOnlyDictionary<string, ProjectionRecord> records)
    {
        var versions = _byLineage[projection.Lineage];
        var live = versions.LastOrDefault(v => records.TryGetValue(v.Name, out var record) && record.TookOverAt is not null) ?? versions[0];
        var liveRecord = records.TryGetValue(live.Name, out var stored) ? stored : ProjectionRecord.New(live.Name, DateTimeOffset.MinValue);
        var phase = projection.Version == live.Version ? ProjectionPhase.Live
            : projection.Version < live.Version ? ProjectionPhase.Retired
            : ProjectionPhase.Building;
        return new VersionStanding(phase, live, liveRecord);
    }

    /// <summary>Where the projection stands, reading the committed records of its versions (none read for a projection with one version).</summary>
    public async ValueTask<VersionStanding> StandingAsync(ProjectionDefinition projection, IProjectionStore store, CancellationToken cancellationToken)
    {
        if (!IsVersioned(projection))
        {
            return new VersionStanding(ProjectionPhase.Live, projection, LiveRecord: null);
        }

        var records = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(static r => r.Name, StringComparer.Ordinal);
        return StandingOf(projection, records);
    }
}

/// <summary>Where a projection stands among its versions.</summary>
/// <param name="Phase">Live, building or retired.</param>
/// <param name="Live">The live version (itself when it is live).</param>
/// <param name="LiveRecord">The live version's committed record when it was read (a building version reads no further than its position).</param>
internal readonly record struct VersionStanding(ProjectionPhase Phase, ProjectionDefinition Live, ProjectionRecord? LiveRecord);
