using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Fixtures.Contracts;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests.Documents;

/// <summary>The document store contract against PostgreSQL, as UsePostgres registers it, plus what only a database does.</summary>
public sealed class PostgresDocumentStoreTests(TestDatabase database) : DocumentStoreContract, IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private ServiceProvider _host = null!;

    protected override IDocumentStore Store => _host.GetRequiredService<IDocumentStore>();

    protected override Task InUnitOfWorkAsync(Func<Task> work) => UnitOfWork.RunAsync(_ => work());

    private PostgresUnitOfWork UnitOfWork => _host.GetRequiredService<PostgresUnitOfWork>();

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddEstuary(estuary => estuary
            .AddModule(new DocumentsModule())
            .UsePostgres(database.DataSource, postgres => postgres.Options.SchemaName = database.Schema));
        _host = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void UsePostgres_registers_the_postgres_store()
    {
        Assert.IsType<PostgresDocumentStore>(Store);
    }

    [Fact]
    public async Task Document_is_a_jsonb_row_with_its_version_and_the_time_of_its_last_write()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "ada", new Customer("Ada", 3));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Store.UpdateAsync(collection, "ada", new Customer("Ada", 4));

        await using var read = database.DataSource.CreateCommand(
            $"SELECT version, jsonb_typeof(data), data->>'Name', (data->>'Visits')::int, updated_at FROM \"{database.Schema}\".documents WHERE collection = $1 AND id = $2");
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection });
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "ada" });
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());

        Assert.Equal(2L, row.GetInt64(0));
        Assert.Equal("object", row.GetString(1));
        Assert.Equal("Ada", row.GetString(2));
        Assert.Equal(4, row.GetInt32(3));
        Assert.Equal(_clock.GetUtcNow(), row.GetFieldValue<DateTimeOffset>(4));
    }

    [Fact]
    public async Task Ids_sort_by_code_point_whatever_the_databases_collation()
    {
        var collation = await database.ScalarAsync<string>(
            "SELECT collation_name::text FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'documents' AND column_name = 'id'",
            database.Schema);

        Assert.Equal("C", collation);
    }

    [Fact]
    public async Task Writes_of_a_unit_of_work_are_invisible_to_other_connections_until_it_commits()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "existing", new Counter(1));

        await UnitOfWork.RunAsync(async _ =>
        {
            await Store.AddAsync(collection, "added", new Counter(1));
            await Store.UpdateAsync(collection, "existing", new Counter(2));

            var outside = await OutsideAsync(async () => (
                Added: await Store.FindAsync<Counter>(collection, "added"),
                Existing: await Store.FindAsync<Counter>(collection, "existing")));
            Assert.Null(outside.Added);
            Assert.Equal(new Counter(1), outside.Existing);
        });

        Assert.Equal(new Counter(1), await Store.FindAsync<Counter>(collection, "added"));
        Assert.Equal(new Counter(2), await Store.FindAsync<Counter>(collection, "existing"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Save_racing_an_open_transaction_on_the_same_version_waits_for_it_then_fails(long expectedVersion)
    {
        var collection = NewCollection();
        if (expectedVersion == 1)
        {
            await Store.AddAsync(collection, "k", new Counter(0));
        }

        var firstSaved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commitFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(() => UnitOfWork.RunAsync(async _ =>
        {
            await Store.SaveAsync(collection, "k", new Counter(1), expectedVersion);
            firstSaved.SetResult();
            await commitFirst.Task;
        }));
        await firstSaved.Task;

        var second = Task.Run(() => UnitOfWork.RunAsync(async _ => await Store.SaveAsync(collection, "k", new Counter(2), expectedVersion)));
        await WaitUntilBlockedOnALockAsync();
        Assert.False(second.IsCompleted);

        commitFirst.SetResult();
        await first;
        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => second);

        Assert.Equal(expectedVersion, error.ExpectedVersion);
        Assert.Equal(expectedVersion + 1, error.ActualVersion);
        Assert.Equal(new VersionedDocument<Counter>(new Counter(1), expectedVersion + 1), await Store.FindVersionedAsync<Counter>(collection, "k"));
    }

    [Fact]
    public async Task Store_built_directly_creates_its_table_on_first_use_unless_told_not_to()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        try
        {
            var manual = new PostgresDocumentStore(database.DataSource, ContractJson.Default.Options, new PostgresOptions { SchemaName = schema, AutoCreateSchema = false });
            await Assert.ThrowsAsync<PostgresException>(async () => await manual.AddAsync("customers", "ada", new Customer("Ada", 1)));

            var automatic = new PostgresDocumentStore(database.DataSource, ContractJson.Default.Options, new PostgresOptions { SchemaName = schema });
            await automatic.AddAsync("customers", "ada", new Customer("Ada", 1));
            Assert.Equal(new Customer("Ada", 1), await manual.GetAsync<Customer>("customers", "ada"));
        }
        finally
        {
            await using var drop = database.DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    // Runs on a flow without the test's unit of work, so the store uses a connection of its own.
    private static async Task<T> OutsideAsync<T>(Func<Task<T>> read)
    {
        Task<T> outside;
        using (ExecutionContext.SuppressFlow())
        {
            outside = Task.Run(read);
        }

        return await outside;
    }

    private async Task WaitUntilBlockedOnALockAsync()
    {
        var waiting = Stopwatch.StartNew();
        while (await database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1",
            $"%\"{database.Schema}\".documents%") == 0)
        {
            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(10), "The second save never waited for the first transaction's row lock.");
            await Task.Delay(20);
        }
    }

    private sealed class DocumentsModule : EstuaryModule
    {
        public override string Name => nameof(DocumentsModule);

        public override IReadOnlyList<Endpoint> Endpoints => [];

        public override IReadOnlyList<MessageType> MessageTypes => [];

        public override IReadOnlyList<IJsonTypeInfoResolver> JsonResolvers => [ContractJson.Default];

        public override void ConfigureServices(IServiceCollection services, EstuaryOptions options)
        {
        }
    }
}
