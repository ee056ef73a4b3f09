using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.EventSourcing;

/// <summary>A [Repository] interface over an event-sourced aggregate: instances are rebuilt from their streams.</summary>
public interface ITicketViews
{
    [Repository]
    Task<Ticket> GetAsync(Guid ticketId, CancellationToken cancellationToken = default);

    [Repository]
    ValueTask<Ticket?> FindAsync(Guid ticketId);
}
