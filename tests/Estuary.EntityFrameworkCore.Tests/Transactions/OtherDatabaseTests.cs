using System;
using System.Threading.Tasks;
using Estuary.Fixtures.Aggregates;
using Estuary.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.EntityFrameworkCore.Tests.Transactions;

/// <summary>
/// A context on another database than Estuary's does not join the unit of work's transaction (its SQL
/// would run on the wrong database): each of its operations commits on its own.
/// </summary>
public sealed class OtherDatabaseTests(EntityFrameworkDatabase database) : IClassFixture<EntityFrameworkDatabase>, IAsyncLifetime
{
    // The maintenance database every PostgreSQL cluster has, beside Estuary's.
    private readonly string _other = new NpgsqlConnectionStringBuilder(EntityFrameworkDatabase.Server)
    {
        Database = "postgres",
        SearchPath = database.Schema,
    }.ConnectionString;

    private ServiceProvider _host = null!;

    public async Task InitializeAsync()
    {
        await ExecuteOnOtherAsync($"CREATE SCHEMA \"{database.Schema}\"");
        var services = new ServiceCollection();
        services.AddDbContextFactory<TicketsContext>(options => options.UseNpgsql(_other));
        services.AddEstuary(estuary => estuary
            .AddTickets()
            .UsePostgres(database.ConnectionString, postgres => postgres.Options.SchemaName = database.Schema)
            .UseEntityFrameworkRepository<TicketsContext, Ticket>());
        _host = services.BuildServiceProvider();
        await using var context = await _host.GetRequiredService<IDbContextFactory<TicketsContext>>().CreateDbContextAsync();
        await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await ExecuteOnOtherAsync($"DROP SCHEMA IF EXISTS \"{database.Schema}\" CASCADE");
    }

    [Fact]
    public async Task Save_on_another_database_commits_on_its_own_even_when_the_unit_of_work_rolls_back()
    {
        var tickets = _host.GetRequiredService<IAggregateRepository<Ticket>>();
        var id = Guid.NewGuid();

        await Assert.ThrowsAsync<TimeoutException>(() => _host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
        {
            await tickets.SaveAsync(id.ToString("D"), new Ticket { TicketId = id, Title = "elsewhere" }, 0, token);
            throw new TimeoutException();
        }));

        Assert.Equal("elsewhere", (await tickets.FindAsync(id.ToString("D"), default))!.Document.Title);
    }

    private async Task ExecuteOnOtherAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_other);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
