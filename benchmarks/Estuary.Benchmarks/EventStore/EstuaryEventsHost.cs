using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Estuary.Benchmarks.EventStore;

/// <summary>
/// Estuary on PostgreSQL, as an application composes it: <c>AddEstuary(...).UsePostgres(connectionString)</c>
/// (with its defaults: the data source it builds prepares statements) and this assembly's module (which holds the generated <see cref="Cart"/> aggregate), in schema
/// <see cref="EventStoreDatabase.EstuarySchema"/>. Exposes the <see cref="PostgresEventStore"/> and
/// the generated aggregate's <see cref="EventSourcedRepository{TAggregate}"/>.
/// </summary>
public sealed class EstuaryEventsHost : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ServiceProvider _provider;

    private EstuaryEventsHost(ServiceProvider provider)
    {
        _dataSource = provider.GetRequiredKeyedService<NpgsqlDataSource>(PostgresEstuaryBuilderExtensions.DataSourceKey);
        _provider = provider;
        Store = (PostgresEventStore)provider.GetRequiredService<IEventStore>();
        Repository = provider.GetRequiredService<EventSourcedRepository<Cart>>();
    }

    public PostgresEventStore Store { get; }

    public EventSourcedRepository<Cart> Repository { get; }

    public NpgsqlDataSource DataSource => _dataSource;

    public IServiceProvider Services => _provider;

    /// <summary>Builds the host on <paramref name="connectionString"/> and creates the schema.</summary>
    public static async Task<EstuaryEventsHost> StartAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary
            .AddModule<BenchmarksModule>()
            .UsePostgres(connectionString, postgres => postgres.Options.SchemaName = EventStoreDatabase.EstuarySchema));
        var host = new EstuaryEventsHost(services.BuildServiceProvider());
        await new PostgresSchema(EventStoreDatabase.EstuarySchema).EnsureCreatedAsync(host._dataSource, CancellationToken.None);
        return host;
    }

    /// <summary>The stream of cart <paramref name="cartId"/>, as the repository names it.</summary>
    public static string StreamOf(Guid cartId) => "carts-" + IdOf(cartId);

    /// <summary>The identifier text the repository is called with.</summary>
    public static string IdOf(Guid cartId) => cartId.ToString("D");

    /// <summary>
    /// The raw store's event: serialized here with the source-generated context, as an application
    /// using <see cref="IEventStore"/> directly would, with no metadata.
    /// </summary>
    public static EventData Data(ItemAdded item) =>
        new(Guid.CreateVersion7(), "bench.item-added", JsonSerializer.SerializeToUtf8Bytes(item, CartJson.Default.ItemAdded), EventMetadata.Empty);

    public Task ResetAsync() => EventStoreDatabase.ExecuteAsync(
        _dataSource, $"""TRUNCATE "{EventStoreDatabase.EstuarySchema}".events, "{EventStoreDatabase.EstuarySchema}".streams""");

    public async Task<long> VersionAsync(Guid cartId) => (await Store.GetStreamAsync(StreamOf(cartId)))?.Version ?? 0;

    /// <summary>Disposes the host and with it the data source it built.</summary>
    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

/// <summary>Estuary's <see cref="PostgresEventStore.AppendAsync"/> with <see cref="EventData"/> the caller serialized.</summary>
public sealed class EstuaryStoreSubject(EstuaryEventsHost host, bool ownsHost = true) : IEventStoreSubject
{
    public string Name => "EstuaryStore";

    public async Task AppendToNewStreamAsync(Guid cartId, long line) =>
        await host.Store.AppendAsync(EstuaryEventsHost.StreamOf(cartId), ExpectedVersion.NoStream, [EstuaryEventsHost.Data(CartEvents.Item(cartId, line))]);

    public async Task AppendExpectingAsync(Guid cartId, long version, long line) =>
        await host.Store.AppendAsync(EstuaryEventsHost.StreamOf(cartId), ExpectedVersion.Exactly(version), [EstuaryEventsHost.Data(CartEvents.Item(cartId, line))]);

    public Task<long> VersionAsync(Guid cartId) => host.VersionAsync(cartId);

    public Task ResetAsync() => host.ResetAsync();

    public ValueTask DisposeAsync() => ownsHost ? host.DisposeAsync() : ValueTask.CompletedTask;
}

/// <summary>
/// The typed path: <see cref="EventSourcedRepository{TAggregate}.AppendAsync"/> of the generated
/// <see cref="Cart"/>, which serializes through the message registry and writes aggregate metadata.
/// </summary>
public sealed class EstuaryRepositorySubject(EstuaryEventsHost host, bool ownsHost = true) : IEventStoreSubject
{
    public string Name => "EstuaryRepository";

    public async Task AppendToNewStreamAsync(Guid cartId, long line) =>
        await host.Repository.AppendAsync(EstuaryEventsHost.IdOf(cartId), new Cart { CartId = cartId }, [CartEvents.Item(cartId, line)], 0, CancellationToken.None);

    public async Task AppendExpectingAsync(Guid cartId, long version, long line) =>
        await host.Repository.AppendAsync(EstuaryEventsHost.IdOf(cartId), new Cart { CartId = cartId, Version = version }, [CartEvents.Item(cartId, line)], version, CancellationToken.None);

    public Task<long> VersionAsync(Guid cartId) => host.VersionAsync(cartId);

    public Task ResetAsync() => host.ResetAsync();

    public ValueTask DisposeAsync() => ownsHost ? host.DisposeAsync() : ValueTask.CompletedTask;
}
