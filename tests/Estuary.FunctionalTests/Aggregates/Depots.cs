using System.Threading;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Aggregates;

/// <summary>A repository interface Estuary implements: services read and store aggregates outside handlers.</summary>
public interface IDepots
{
    [Repository]
    Task<Depot> GetAsync(string depotCode, CancellationToken cancellationToken = default);

    [Repository]
    ValueTask<Depot?> FindAsync(string depotCode);

    [Repository]
    Task SaveAsync(Depot depot, CancellationToken cancellationToken = default);

    [Repository]
    Task<Van?> FindVanAsync(string plate);
}
