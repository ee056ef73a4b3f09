using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Fixtures.Aggregates;
using Xunit;

namespace Estuary.Tests.Aggregates;

/// <summary>The aggregate behaviour suite with the default repository: the in-memory document store.</summary>
public sealed class InMemoryAggregateBehaviourTests : AggregateBehaviourContract
{
    protected override Task<IServiceProvider> CreateHostAsync() =>
        Task.FromResult<IServiceProvider>(Host.Create(estuary => estuary.AddTickets()));

    protected override async Task RunInUnitOfWorkAsync(Func<CancellationToken, Task> work)
    {
        // Without a session, a rollback runs the undo actions the in-memory store registered.
        await using var scope = UnitOfWork.Begin(Services.Runtime(), session: null);
        await work(CancellationToken.None);
        await scope.CommitAsync();
    }

    [Fact]
    public void The_generated_module_stores_the_aggregate_in_the_document_store()
    {
        var repository = Assert.IsType<DocumentStoreAggregateRepository<Ticket>>(Tickets);
        Assert.Equal("tickets", repository.Collection);
    }
}
