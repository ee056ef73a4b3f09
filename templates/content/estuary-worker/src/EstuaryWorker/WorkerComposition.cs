using Estuary;
using Estuary.Postgres;
using EstuaryWorker.Accounts;

namespace EstuaryWorker;

public static class WorkerChannels
{
    public const string Statements = "statements";
}

/// <summary>The worker's services and Estuary wiring, shared by Program.cs and the tests.</summary>
public static class WorkerComposition
{
    /// <summary>
    /// Registers the handlers' services and Estuary on PostgreSQL: the event store, the "statements"
    /// channel, the dead letter and deduplication, in <paramref name="schema"/> (created on first use).
    /// </summary>
    public static IServiceCollection AddWorker(this IServiceCollection services, string connectionString, string schema = "estuary")
    {
        services.AddSingleton<INotifier, LogNotifier>();
        services.AddEstuary(estuary => estuary
            .AddModule<WorkerModule>()
            .UsePostgres(connectionString, postgres =>
            {
                postgres.Options.SchemaName = schema;
                postgres.AddChannel(WorkerChannels.Statements);
            }));
        return services;
    }
}
