using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Estuary.Postgres.Tests.Sagas;

/// <summary>
/// A host of the generated module on the test schema, with the saga flows' channel on PostgreSQL, a
/// clock that moves only when the test says, and two instant retries before the dead letter.
/// </summary>
public sealed class SagaHost : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ServiceProvider _services;

    public SagaHost(TestDatabase database)
    {
        Probe = new SagaProbe(database);

        // The host's own data source: the probe reads through the test's, on other connections.
        _dataSource = new NpgsqlDataSourceBuilder(TestDatabase.ConnectionString).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Probe);
        services.AddEstuary(estuary => estuary
            .AddModule<PostgresFlowsModule>()
            .UsePostgres(_dataSource, postgres =>
            {
                postgres.Options.SchemaName = database.Schema;
                postgres.AddChannel(SagaChannel.Name, consumer =>
                {
                    consumer.Retry = new RetryPolicy { InstantRetries = 2, DelayedRetries = 0 };
                    consumer.PollInterval = TimeSpan.FromMilliseconds(100);
                });
            }));
        _services = services.BuildServiceProvider();
    }

    public ManualClock Clock { get; } = new();

    public SagaProbe Probe { get; }

    public ICommandBus Commands => _services.GetRequiredService<ICommandBus>();

    public IEventBus Events => _services.GetRequiredService<IEventBus>();

    public IQueryBus Queries => _services.GetRequiredService<IQueryBus>();

    public PostgresUnitOfWork Postgres => _services.GetRequiredService<PostgresUnitOfWork>();

    public EstuaryConsumers Consumers => _services.GetRequiredService<EstuaryConsumers>();

    /// <summary>Handles what is available now (delayed messages not yet due wait), including what the handlers send.</summary>
    public Task<ConsumerRunResult> DrainAsync(int? maxMessages = null) =>
        Consumers.RunAsync(SagaChannel.Name, new ConsumerLimits { StopWhenEmpty = true, MaxMessages = maxMessages });

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
