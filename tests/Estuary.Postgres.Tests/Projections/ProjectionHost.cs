using Estuary.Postgres.Tests.Flows;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>A host of the flows module on the test schema, with the projections' test services and the accounts channel left to the test to consume; <c>configure</c> sets options first, <c>worker</c> names the host's consumers in rows they write.</summary>
internal static class ProjectionHost
{
    public static ServiceProvider Create(TestDatabase database, System.Action<EstuaryBuilder>? configure = null, string worker = "A")
    {
        var services = new ServiceCollection();
        services.AddSingleton<GateBug>().AddSingleton<GateFlushes>().AddSingleton<HistoryGate>().AddSingleton(new CrewWorker(worker));
        var dataSource = new NpgsqlDataSourceBuilder(TestDatabase.ConnectionString + $";Search Path=\"{database.Schema}\"").Build();
        services.AddEstuary(estuary =>
        {
            configure?.Invoke(estuary);
            estuary.AddModule<PostgresFlowsModule>().UsePostgres(dataSource, postgres =>
            {
                postgres.Options.SchemaName = database.Schema;
                postgres.AddChannel(AccountHandlers.Channel, consumer => consumer.RunInHost = false);
            });
        });
        return services.BuildServiceProvider();
    }
}
