using Estuary.Postgres.Tests.Flows;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Estuary.Postgres.Tests;

/// <summary>A host composing the project's handlers on the test class's schema, with the "accounts" channel.</summary>
internal static class FlowsHost
{
    /// <summary>Creates the host; <paramref name="connectionString"/> points it elsewhere than the test server (a relay).</summary>
    public static ServiceProvider Create(TestDatabase database, string? connectionString = null)
    {
        var services = new ServiceCollection();
        var dataSource = new NpgsqlDataSourceBuilder((connectionString ?? TestDatabase.ConnectionString) + $";Search Path=\"{database.Schema}\"").Build();
        services.AddEstuary(estuary => estuary
            .AddModule<PostgresFlowsModule>()
            .UsePostgres(dataSource, postgres =>
            {
                postgres.Options.SchemaName = database.Schema;
                postgres.AddChannel(AccountHandlers.Channel);
            }));
        return services.BuildServiceProvider();
    }
}
