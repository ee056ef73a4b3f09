using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Estuary.Fixtures.Aggregates;

/// <summary>
/// A state-stored aggregate that every repository can keep: scalar properties and a Guid key, so it is
/// a JSON document for the document store and an ordinary entity (one row) for EF Core.
/// </summary>
[Aggregate(Name = "tickets")]
public sealed class Ticket
{
    // Private: neither serialized with the state nor mapped as a column.
    private readonly List<object> _recorded = [];

    [Identifier]
    public Guid TicketId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? Assignee { get; set; }

    public int Points { get; set; }

    /// <summary>How many actions changed the ticket: a lost update shows as a count below the actions sent.</summary>
    public int Changes { get; set; }

    public bool Closed { get; set; }

    public string? Resolution { get; set; }

    [AggregateEvents]
    public IEnumerable<object> RecordedEvents() => _recorded;

    [CommandHandler]
    public static Ticket Open(OpenTicket command)
    {
        var ticket = new Ticket { TicketId = command.TicketId, Title = command.Title };
        ticket._recorded.Add(new TicketOpened(command.TicketId, command.Title));
        return ticket;
    }

    [CommandHandler]
    public int Assign(AssignTicket command)
    {
        ThrowIfClosed();
        Assignee = command.Assignee;
        _recorded.Add(new TicketAssigned(TicketId, command.Assignee));
        return ++Changes;
    }

    [CommandHandler]
    public async Task<int> Estimate(EstimateTicket command, TicketGate gate)
    {
        ThrowIfClosed();
        await gate.PassAsync();
        Points += command.Points;
        Changes++;
        return Points;
    }

    [CommandHandler]
    public void Close(CloseTicket command)
    {
        ThrowIfClosed();
        Closed = true;
        Resolution = command.Resolution;
        Changes++;
    }

    [QueryHandler]
    public TicketView View(GetTicket query) => new(Title, Assignee, Points, Closed);

    private void ThrowIfClosed()
    {
        if (Closed)
        {
            throw new InvalidOperationException($"Ticket {TicketId} is closed.");
        }
    }
}
