using System;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>Puts Estuary's channels, dead letter, deduplication marks, documents and event streams in PostgreSQL.</summary>
public static class PostgresEstuaryBuilderExtensions
{
    /// <summary>The service key of the <see cref="NpgsqlDataSource"/> that <c>UsePostgres</c> registers (keyed, so it never replaces the application's own).</summary>
    public const string DataSourceKey = "Estuary.Postgres";

    /// <summary>
    /// Uses the PostgreSQL database of <paramref name="connectionString"/>: registers a data source
    /// (disposed with the host; with Npgsql's automatic statement preparation on unless the connection
    /// string sets <c>Max Auto Prepare</c>), the <see cref="PostgresDatabase"/> every store shares,
    /// the dead-letter, deduplication, document and event stores, <see cref="PostgresTransaction"/>
    /// for handlers and the schema for operations tooling (<see cref="IEstuarySchema"/>);
    /// <paramref name="configure"/> sets the schema and
    /// declares channels:
    /// <code>estuary.UsePostgres(connectionString, postgres => postgres.AddChannel("orders"));</code>
    /// </summary>
    public static EstuaryBuilder UsePostgres(this EstuaryBuilder builder, string connectionString, Action<PostgresBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // Parsed now so a malformed connection string fails at start-up, not at the first message.
        var settings = PostgresConnectionDefaults.Apply(connectionString).ConnectionString;

        // The full builder, not the slim one: handlers run their own SQL on these connections and
        // expect every type mapping (arrays, JSON...) and TLS; both are free of trimming warnings.
        builder.Services.AddKeyedSingleton<NpgsqlDataSource>(DataSourceKey, (_, _) => new NpgsqlDataSourceBuilder(settings).Build());
        return Use(builder, configure);
    }

    /// <summary>
    /// Uses the database of <paramref name="dataSource"/>, which stays the caller's to dispose and is
    /// used as it was built (turn on <c>Max Auto Prepare</c> in its connection string for appends and
    /// queue claims that are not planned again on every call); otherwise like
    /// <see cref="UsePostgres(EstuaryBuilder, string, Action{PostgresBuilder}?)"/>.
    /// </summary>
    public static EstuaryBuilder UsePostgres(this EstuaryBuilder builder, NpgsqlDataSource dataSource, Action<PostgresBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        builder.Services.AddKeyedSingleton(DataSourceKey, dataSource);
        return Use(builder, configure);
    }

    /// <summary>Declares a Postgres channel on the database given to <c>UsePostgres</c>, which must be called first.</summary>
    /// <exception cref="InvalidOperationException"><c>UsePostgres</c> was not called before.</exception>
    public static EstuaryBuilder AddPostgresChannel(this EstuaryBuilder builder, string name, Action<ConsumerSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (FindOptions(builder.Services) is not { } options)
        {
            throw new InvalidOperationException(
                $"AddPostgresChannel(\"{name}\") needs a database: call estuary.UsePostgres(connectionString) before declaring Postgres channels.");
        }

        new PostgresBuilder(builder, options).AddChannel(name, configure);
        return builder;
    }

    private static EstuaryBuilder Use(EstuaryBuilder builder, Action<PostgresBuilder>? configure)
    {
        var services = builder.Services;
        if (FindOptions(services) is not null)
        {
            throw new InvalidOperationException("UsePostgres() was already called. Estuary uses one PostgreSQL database per host: call UsePostgres once.");
        }

        var options = new PostgresOptions();
        services.AddSingleton(options);
        configure?.Invoke(new PostgresBuilder(builder, options));

        // Checked now rather than at the first message.
        _ = new PostgresSchema(options.SchemaName);

        // One description of the database for every store: data source, schema with its events-table
        // routes (the options' and those the modules registered), clock.
        services.AddSingleton(provider => new PostgresDatabase(
            DataSource(provider), options, provider.GetService<TimeProvider>(), provider.GetServices<EventStreamTable>()));

        // Plain adds: the core adds its in-memory stores afterwards with TryAdd, so these win.
        services.AddSingleton<IDeadLetterStore>(provider => new PostgresDeadLetterStore(Database(provider)));
        services.AddSingleton<IDeduplicationStore>(provider => new PostgresDeduplicationStore(Database(provider)));
        services.AddSingleton<IDocumentStore>(provider => new PostgresDocumentStore(Database(provider), provider.GetRequiredService<Runtime.EstuaryRuntime>().Json));
        services.AddSingleton<IEventStore>(provider => new PostgresEventStore(Database(provider)));
        services.AddSingleton<IProjectionStore>(provider => new PostgresProjectionStore(Database(provider)));
        services.AddSingleton<Channels.ITransactionSessionFactory>(provider => new PostgresSessionFactory(Database(provider).DataSource));
        services.AddSingleton(provider => new PostgresOutbox(Database(provider), provider.GetRequiredService<Runtime.EstuaryRuntime>(), provider.GetService<ILoggerFactory>()));
        services.AddSingleton<Channels.IOutbox>(static provider => provider.GetRequiredService<PostgresOutbox>());
        if (options.RunOutboxRelay)
        {
            services.AddHostedService(provider => new OutboxRelay(
                provider.GetRequiredService<PostgresOutbox>(), Database(provider), provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        }

        services.AddSingleton(new PostgresTransaction());
        services.AddSingleton(provider => new PostgresUnitOfWork(Database(provider).DataSource, provider.GetRequiredService<Runtime.EstuaryRuntime>()));
        services.AddSingleton<IEstuarySchema>(provider => new PostgresStorageSchema(Database(provider)));
        return builder;
    }

    private static NpgsqlDataSource DataSource(IServiceProvider provider) => provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);

    private static PostgresDatabase Database(IServiceProvider provider) => provider.GetRequiredService<PostgresDatabase>();

    private static PostgresOptions? FindOptions(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(PostgresOptions) && !descriptor.IsKeyedService)
            {
                return descriptor.ImplementationInstance as PostgresOptions;
            }
        }

        return null;
    }
}
