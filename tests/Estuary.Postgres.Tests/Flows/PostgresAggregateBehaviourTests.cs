using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Fixtures.Aggregates;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.Flows;

/// <summary>The aggregate behaviour suite with the default repository over the PostgreSQL document store.</summary>
public sealed class PostgresAggregateBehaviourTests(TestDatabase database) : AggregateBehaviourContract, IClassFixture<TestDatabase>
{
    protected override Task<IServiceProvider> CreateHostAsync()
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary
            .AddTickets()
            .UsePostgres(database.DataSource, postgres => postgres.Options.SchemaName = database.Schema));
        return Task.FromResult<IServiceProvider>(services.BuildServiceProvider());
    }

    protected override Task RunInUnitOfWorkAsync(Func<CancellationToken, Task> work) =>
        Services.GetRequiredService<PostgresUnitOfWork>().RunAsync(work);

    [Fact]
    public async Task The_generated_module_stores_the_aggregate_as_a_document_row()
    {
        var id = await Commands.SendAsync(new OpenTicket(Guid.NewGuid(), "As a document"));

        Assert.IsType<DocumentStoreAggregateRepository<Ticket>>(Tickets);
        Assert.Equal("As a document", await database.ScalarAsync<string>(
            "SELECT data->>'Title' FROM {schema}.documents WHERE collection = 'tickets' AND id = $1", id.ToString("D")));
    }
}
