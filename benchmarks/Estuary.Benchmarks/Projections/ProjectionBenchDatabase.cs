using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Benchmarks.Channels;
using Estuary.Benchmarks.EventStore;
using Estuary.Postgres;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Estuary.Benchmarks.Projections;

/// <summary>
/// The events both projection suites rebuild from: <see cref="Events"/> <see cref="ItemAdded"/> events in
/// <see cref="Events"/>/10 cart streams, in the order of a global log (event i goes to cart i % streams),
/// imported once into a schema per library and kept between runs (re-imported when the count differs).
/// <c>ESTUARY_BENCH_PROJECTION_EVENTS</c> sets the count (1,000,000 by default).
/// </summary>
public static class ProjectionBenchDatabase
{
    public const string StreamPrefix = "projected-carts";

    public const string EstuarySchema = "bench_projection_estuary";

    public const string MartenSchema = "bench_projection_marten";

    public static int Events { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("ESTUARY_BENCH_PROJECTION_EVENTS"), CultureInfo.InvariantCulture, out var events) && events > 0 ? events : 1_000_000;

    public static int Streams => Math.Max(1, Events / 10);

    /// <summary>The Estuary host: this assembly's module on PostgreSQL, a <see cref="CartTotalsBatch"/> per batch; no background worker unless given its poll interval.</summary>
    public static ServiceProvider StartEstuary(string connectionString, string schema = EstuarySchema, TimeSpan? pollInterval = null, int partitionWorkers = 1)
    {
        var services = new ServiceCollection();
        services.AddScoped<CartTotalsBatch>();
        services.AddEstuary(estuary =>
        {
            estuary.AddModule<BenchmarksModule>()
                .UsePostgres(connectionString + $";Search Path={schema}", postgres => postgres.Options.SchemaName = schema);
            estuary.Options.ProjectionPollInterval = pollInterval;
            estuary.Options.ProjectionPartitionWorkers = partitionWorkers;
        });
        return services.BuildServiceProvider();
    }

    /// <summary>The Marten store: Quick append mode, <see cref="MartenCartTotalsProjection"/> registered as an asynchronous projection.</summary>
    public static async Task<DocumentStore> StartMartenAsync(string connectionString, string schema = MartenSchema)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = schema;
            options.Events.AppendMode = EventAppendMode.Quick;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.Events.AddEventType<ItemAdded>();
            options.Projections.Add(new MartenCartTotalsProjection(), ProjectionLifecycle.Async);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    /// <summary>Imports the log into the Estuary schema unless it already holds exactly <see cref="Events"/> events.</summary>
    public static async Task EnsureEstuaryEventsAsync(IServiceProvider estuary)
    {
        var dataSource = estuary.GetRequiredKeyedService<NpgsqlDataSource>(PostgresEstuaryBuilderExtensions.DataSourceKey);
        await new PostgresSchema(EstuarySchema).EnsureCreatedAsync(dataSource, CancellationToken.None);
        if (await CountAsync(dataSource, $"SELECT count(*) FROM {EstuarySchema}.events") == Events)
        {
            return;
        }

        await EventStoreDatabase.ExecuteAsync(dataSource, $"TRUNCATE {EstuarySchema}.events, {EstuarySchema}.streams");
        var carts = Carts();
        await ((PostgresEventStore)estuary.GetRequiredService<IEventStore>()).ImportAsync(EstuaryLog(carts));
    }

    /// <summary>Imports the log into the Marten schema unless it already holds exactly <see cref="Events"/> events.</summary>
    public static async Task EnsureMartenEventsAsync(DocumentStore store, string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        if (await CountAsync(dataSource, $"SELECT count(*) FROM {MartenSchema}.mt_events") == Events)
        {
            return;
        }

        await store.Advanced.Clean.DeleteAllEventDataAsync();
        var carts = Carts();
        var headers = carts.Select(cart => new BulkEventStreamHeader { Id = cart, Version = Events / Streams, AggregateType = typeof(MartenCartTotals) }).ToArray();
        await store.BulkInsertEventStreamAsync(StorageConstants.DefaultTenantId, headers, MartenLog(carts));
    }

    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static Guid[] Carts() => Enumerable.Range(0, Streams).Select(_ => Guid.CreateVersion7()).ToArray();

    private static async IAsyncEnumerable<ImportedEvent> EstuaryLog(Guid[] carts, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        for (long i = 0; i < Events; i++)
        {
            var cart = carts[i % carts.Length];
            yield return new ImportedEvent(StreamPrefix + "-" + cart.ToString("D"), EstuaryEventsHost.Data(CartEvents.Item(cart, i)));
        }
    }

    private static async IAsyncEnumerable<IEvent> MartenLog(Guid[] carts, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        for (long i = 0; i < Events; i++)
        {
            var cart = carts[i % carts.Length];
            yield return new Event<ItemAdded>(CartEvents.Item(cart, i)) { Id = Guid.CreateVersion7(), StreamId = cart, Version = i / carts.Length + 1 };
        }
    }

    /// <summary>The connection string of the benchmark server (<see cref="ChannelDatabase.ConnectionString"/>).</summary>
    public static string ConnectionString => ChannelDatabase.ConnectionString;
}
