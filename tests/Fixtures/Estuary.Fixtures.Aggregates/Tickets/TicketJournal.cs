using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;

namespace Estuary.Fixtures.Aggregates;

/// <summary>Subscribes to the ticket's events and notes the version stored when each one arrives.</summary>
public sealed class TicketJournal(IAggregateRepository<Ticket> tickets, TicketLog log)
{
    [EventHandler]
    public async Task OnOpened(TicketOpened @event) =>
        log.Add(@event.TicketId, $"opened '{@event.Title}': stored v{await StoredVersionAsync(@event.TicketId)}");

    [EventHandler]
    public async Task OnAssigned(TicketAssigned @event) =>
        log.Add(@event.TicketId, $"assigned {@event.Assignee}: stored v{await StoredVersionAsync(@event.TicketId)}");

    private async Task<long> StoredVersionAsync(Guid ticketId) =>
        (await tickets.FindAsync(ticketId.ToString("D"), default))?.Version ?? 0;
}

/// <summary>What <see cref="TicketJournal"/> noted, per ticket.</summary>
public sealed class TicketLog
{
    private readonly ConcurrentQueue<(Guid Ticket, string Entry)> _entries = new();

    public void Add(Guid ticket, string entry) => _entries.Enqueue((ticket, entry));

    public string[] For(Guid ticket) => [.. _entries.Where(e => e.Ticket == ticket).Select(e => e.Entry)];
}
