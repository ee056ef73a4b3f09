using System;
using Estuary;

[assembly: EstuaryModule("Tickets")]

namespace Estuary.Fixtures.Aggregates;

public sealed record OpenTicket(Guid TicketId, string Title);

public sealed record AssignTicket(Guid TicketId, string Assignee);

/// <summary>Waits at <see cref="TicketGate"/> between loading and saving, so concurrent estimates overlap.</summary>
public sealed record EstimateTicket(Guid TicketId, int Points);

public sealed record CloseTicket([property: TargetIdentifier("TicketId")] Guid Ticket, string Resolution);

public sealed record GetTicket(Guid TicketId);

public sealed record TicketView(string Title, string? Assignee, int Points, bool Closed);

public sealed record TicketOpened(Guid TicketId, string Title);

public sealed record TicketAssigned(Guid TicketId, string Assignee);
