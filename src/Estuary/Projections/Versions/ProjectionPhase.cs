namespace Estuary;

/// <summary>Where a version of a projection stands among the versions in the build (<see cref="ProjectionAttribute.Version"/>).</summary>
public enum ProjectionPhase
{
    /// <summary>The version readers use: it runs and emits. A projection with one version is always live.</summary>
    Live,

    /// <summary>A newer version catching up beside the live one: it runs, reads no further than the live version committed, and emits nothing.</summary>
    Building,

    /// <summary>An older version a newer one took over from: it no longer runs; its read model stays until it is deleted.</summary>
    Retired,
}
