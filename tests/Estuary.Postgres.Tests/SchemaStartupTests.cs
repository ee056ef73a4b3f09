using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Estuary.Postgres.Tests;

/// <summary>Starting a store must not queue every writer behind a transaction held open elsewhere.</summary>
public sealed class SchemaStartupTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_store_starting_while_a_transaction_holds_an_append_open_does_not_stop_other_appends()
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(database.DataSource, postgres => postgres.Options.SchemaName = database.Schema));
        await using var host = services.BuildServiceProvider();
        var store = host.GetRequiredService<IEventStore>();
        var unitOfWork = host.GetRequiredService<PostgresUnitOfWork>();
        await store.AppendAsync("warm", ExpectedVersion.NoStream, [Event()]);

        var appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = Task.Run(() => unitOfWork.RunAsync(async _ =>
        {
            await store.AppendAsync("held", ExpectedVersion.NoStream, [Event()]);
            appended.SetResult();
            await commit.Task;
        }));
        await appended.Task;

        // A new process: its own data source, its store creating the schema on first use.
        await using var otherProcess = new NpgsqlSlimDataSourceBuilder(TestDatabase.ConnectionString).Build();
        var starting = Task.Run(async () => await new PostgresEventStore(otherProcess, database.Options).AppendAsync("newcomer", ExpectedVersion.NoStream, [Event()]));
        await Task.Delay(500);

        // A store that is already running appends to a stream of its own, in autocommit.
        var clock = Stopwatch.StartNew();
        var unrelated = Task.Run(async () => await store.AppendAsync("unrelated", ExpectedVersion.NoStream, [Event()]));
        var finished = await Task.WhenAny(unrelated, Task.Delay(TimeSpan.FromSeconds(5))) == unrelated;
        output.WriteLine($"unrelated append finished while the append was held open: {finished} ({clock.ElapsedMilliseconds} ms); newcomer done: {starting.IsCompleted}");
        commit.SetResult();
        await held;
        await Task.WhenAll(starting, unrelated);
        output.WriteLine($"unrelated append took {clock.ElapsedMilliseconds} ms in all");
        Assert.True(finished, "An append to an unrelated stream waited for a transaction held open elsewhere, behind the schema creation of a store starting up.");
    }

    private static EventData Event() => new(Guid.CreateVersion7(), "probe", Encoding.UTF8.GetBytes("{}"), EventMetadata.Empty);
}
