using System;
using System.Collections.Generic;
using Estuary.Runtime;
using Xunit;

namespace Estuary.Tests.Projections;

public sealed class ProjectionVersionsTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_version_is_kept_under_its_name_with_the_version_and_the_first_keeps_the_bare_name()
    {
        Assert.Equal(("board", "board"), (new Definition("board").Name, new Definition("board").Lineage));
        Assert.Equal(("board_v3", "board", 3), (new Definition("board", 3).Name, new Definition("board", 3).Lineage, new Definition("board", 3).Version));
    }

    [Fact]
    public void The_lowest_version_is_live_until_a_newer_one_took_over_and_versions_below_the_live_one_are_retired()
    {
        var (v1, v2, v3) = (new Definition("board"), new Definition("board", 2), new Definition("board", 3));
        var versions = new ProjectionVersions([v1, v2, v3]);
        var none = new Dictionary<string, ProjectionRecord>();
        var tookOver = new Dictionary<string, ProjectionRecord> { ["board_v2"] = ProjectionRecord.New("board_v2", s_now) with { TookOverAt = s_now } };

        Assert.Equal([ProjectionPhase.Live, ProjectionPhase.Building, ProjectionPhase.Building], [versions.StandingOf(v1, none).Phase, versions.StandingOf(v2, none).Phase, versions.StandingOf(v3, none).Phase]);
        Assert.Equal([ProjectionPhase.Retired, ProjectionPhase.Live, ProjectionPhase.Building], [versions.StandingOf(v1, tookOver).Phase, versions.StandingOf(v2, tookOver).Phase, versions.StandingOf(v3, tookOver).Phase]);
        Assert.Same(v2, versions.StandingOf(v3, tookOver).Live);
        Assert.True(versions.IsVersioned(v1));
        Assert.False(new ProjectionVersions([v1]).IsVersioned(v1));
    }

    [Fact]
    public void When_the_older_versions_left_the_build_the_lowest_one_there_is_live()
    {
        var v2 = new Definition("board", 2);

        Assert.Equal(ProjectionPhase.Live, new ProjectionVersions([v2, new Definition("tally")]).StandingOf(v2, new Dictionary<string, ProjectionRecord>()).Phase);
    }

    [Fact]
    public void Two_projections_with_one_name_and_version_or_versions_of_a_partitioned_projection_are_refused()
    {
        var twice = Assert.Throws<InvalidOperationException>(() => new ProjectionVersions([new Definition("board", 2), new Definition("board", 2)]));
        var partitioned = Assert.Throws<InvalidOperationException>(() => new ProjectionVersions([new Definition("board", 1, partitioned: true), new Definition("board", 2)]));

        Assert.Contains("'board' with version 2", twice.Message, StringComparison.Ordinal);
        Assert.Contains("'board' is partitioned", partitioned.Message, StringComparison.Ordinal);
    }

    private sealed class Definition(string name, int version = 1, bool partitioned = false)
        : ProjectionDefinition(name, batchSize: 10, streamPrefixes: [], partitioned: partitioned, version: version)
    {
        public override IReadOnlyList<EventEndpoint> Endpoints => [];
    }
}
