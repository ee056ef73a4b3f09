using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Projections;

/// <summary>Projection states read through a generated gateway: a global projection's, and a hold's partition.</summary>
public interface IProjectionStates
{
    [ProjectionStateGateway("parcel_stats")]
    Task<ParcelStats?> ParcelStatsAsync(CancellationToken cancellationToken = default);

    [ProjectionStateGateway("hold_manifests")]
    ValueTask<ManifestCount?> HoldAsync(Guid holdId);
}
