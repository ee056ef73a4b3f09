using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Fixtures.Aggregates;
using Estuary.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.EntityFrameworkCore.Tests;

/// <summary>
/// The aggregate behaviour suite with the EF Core repository: tickets are rows of TicketsContext, and
/// units of work are PostgreSQL transactions (UsePostgres) the repository joins.
/// </summary>
public sealed class EntityFrameworkAggregateBehaviourTests(EntityFrameworkDatabase database)
    : AggregateBehaviourContract, IClassFixture<EntityFrameworkDatabase>
{
    public override async Task InitializeAsync()
    {
        await database.CreateTablesAsync<TicketsContext>();
        await base.InitializeAsync();
    }

    protected override Task<IServiceProvider> CreateHostAsync()
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<TicketsContext>(options => options.UseNpgsql(database.ConnectionString));
        services.AddEstuary(estuary => estuary
            .AddTickets()
            .UsePostgres(database.ConnectionString, postgres => postgres.Options.SchemaName = database.Schema)
            .UseEntityFrameworkRepository<TicketsContext, Ticket>());
        return Task.FromResult<IServiceProvider>(services.BuildServiceProvider());
    }

    protected override Task RunInUnitOfWorkAsync(Func<CancellationToken, Task> work) =>
        Services.GetRequiredService<PostgresUnitOfWork>().RunAsync(work);

    [Fact]
    public async Task The_aggregate_is_an_ordinary_row_with_its_version_column()
    {
        var id = await Commands.SendAsync(new OpenTicket(Guid.NewGuid(), "As a row"));
        await Commands.SendAsync(new AssignTicket(id, "ada"));

        Assert.IsType<EntityFrameworkAggregateRepository<TicketsContext, Ticket>>(Tickets);
        Assert.Equal("ada", await database.ScalarAsync<string>("SELECT \"Assignee\" FROM {schema}.tickets WHERE \"TicketId\" = $1", id));
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT \"EstuaryVersion\" FROM {schema}.tickets WHERE \"TicketId\" = $1", id));
    }
}
