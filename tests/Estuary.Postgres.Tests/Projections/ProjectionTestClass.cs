using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>
/// A test class of projections on a schema of its own: a fresh host per test (<see cref="ProjectionHost"/>),
/// and after each test its <paramref name="cleanup"/> statements run (dropping read models) and every
/// projection's record is removed, so the next test starts each projection over.
/// </summary>
public abstract class ProjectionTestClass(TestDatabase database, string cleanup) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    protected TestDatabase Database => database;

    protected ServiceProvider Host { get; private set; } = null!;

    protected EstuaryProjections Projections => Host.GetRequiredService<EstuaryProjections>();

    public Task InitializeAsync()
    {
        Host = ProjectionHost.Create(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await database.ScalarAsync<int>(cleanup + "; DELETE FROM {schema}.projections; DELETE FROM {schema}.projection_partitions; SELECT 1");
    }
}
