using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Fixtures.Aggregates;

/// <summary>
/// How a generated aggregate behaves, whatever repository stores it: each test sends through the
/// generated buses to the <see cref="Ticket"/> aggregate of a host the derived class builds with the
/// repository under test, and reads back through that host's <see cref="IAggregateRepository{Ticket}"/>.
/// A fresh host per test.
/// </summary>
public abstract partial class AggregateBehaviourContract : IAsyncLifetime
{
    private IServiceProvider? _services;

    /// <summary>The host under test.</summary>
    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("The host is built in InitializeAsync.");

    protected ICommandBus Commands => Services.GetRequiredService<ICommandBus>();

    protected IQueryBus Queries => Services.GetRequiredService<IQueryBus>();

    protected IAggregateRepository<Ticket> Tickets => Services.GetRequiredService<IAggregateRepository<Ticket>>();

    protected TicketLog Log => Services.GetRequiredService<TicketLog>();

    /// <summary>
    /// Builds the host under test: <c>AddEstuary(estuary => estuary.AddTickets()...)</c> plus whatever makes
    /// <see cref="IAggregateRepository{Ticket}"/> the repository under test.
    /// </summary>
    protected abstract Task<IServiceProvider> CreateHostAsync();

    /// <summary>
    /// Runs <paramref name="work"/> in one unit of work of the host (as a handled message would), committed
    /// when it returns and rolled back when it throws, the exception passing through.
    /// </summary>
    protected abstract Task RunInUnitOfWorkAsync(Func<CancellationToken, Task> work);

    public virtual async Task InitializeAsync() => _services = await CreateHostAsync();

    public virtual async Task DisposeAsync()
    {
        if (_services is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>The stored ticket, which must exist.</summary>
    protected async Task<VersionedDocument<Ticket>> StoredAsync(Guid id) =>
        await Tickets.FindAsync(id.ToString("D"), default) ?? throw new Xunit.Sdk.XunitException($"Ticket {id} is not stored.");

    /// <summary>The failure that makes a test's unit of work roll back.</summary>
    protected sealed class AttemptFailed() : Exception("The attempt failed, so its unit of work rolls back.");
}
