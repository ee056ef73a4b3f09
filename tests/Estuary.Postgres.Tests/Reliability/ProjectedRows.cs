using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Postgres.Tests.Reliability;

/// <summary>
/// What the projection tests with worker processes share: a host on the test schema to append events
/// as another program would, and the rows the workers' projection wrote in a table of that schema.
/// </summary>
internal sealed class ProjectedRows(TestDatabase database, string table)
{
    /// <summary>A host of no module on the test schema: its event store appends what the workers project.</summary>
    public ServiceProvider CreateHost()
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(database.DataSource, postgres => postgres.Options.SchemaName = database.Schema));
        return services.BuildServiceProvider();
    }

    /// <summary>Waits (two minutes at most) until the table holds <paramref name="count"/> rows.</summary>
    public async Task WaitForAsync(long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (await CountAsync() < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The workers did not project {count} events into {table} in time ({await CountAsync()} so far).");
            }

            await Task.Delay(10);
        }
    }

    public async Task<long> CountAsync() => await database.ScalarAsync<long>($"SELECT count(*) FROM {{schema}}.{table}");
}
