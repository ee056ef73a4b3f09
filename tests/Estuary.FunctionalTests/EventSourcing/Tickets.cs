using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Estuary.FunctionalTests.EventSourcing;

public sealed record OpenTicket(Guid TicketId, string Title);

public sealed record AssignTicket(Guid TicketId, string Assignee, string Team);

public sealed record CloseTicket(Guid TicketId);

public sealed record GetTicket(Guid TicketId);

[NamedEvent("ticket.opened")]
public sealed record TicketOpened(Guid TicketId, string Title);

/// <summary>Revision 3: revision 1 called the assignee "Person", revision 2 had no team.</summary>
[NamedEvent("ticket.assigned")]
[Revision(3)]
public sealed record TicketAssigned(Guid TicketId, string Assignee, string Team);

[NamedEvent("ticket.closed")]
public sealed record TicketClosed(Guid TicketId);

/// <summary>A pure event-sourced aggregate: handlers return events, apply methods change the state.</summary>
[EventSourcingAggregate(SnapshotEvery = 3)]
[AggregateType("ticket")]
[Stream("tickets")]
public sealed class Ticket
{
    [Identifier]
    public Guid TicketId { get; set; }

    [AggregateVersion]
    public long Version { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? Assignee { get; set; }

    public string? Team { get; set; }

    public int Assignments { get; set; }

    public bool Closed { get; set; }

    [CommandHandler]
    public static TicketOpened Open(OpenTicket command) => new(command.TicketId, command.Title);

    [CommandHandler]
    public IEnumerable<object> Assign(AssignTicket command)
    {
        if (Closed)
        {
            throw new InvalidOperationException($"Ticket {TicketId} is closed.");
        }

        yield return new TicketAssigned(TicketId, command.Assignee, command.Team);
    }

    [CommandHandler]
    public object[] Close(CloseTicket command) => Closed ? [] : [new TicketClosed(TicketId)];

    [QueryHandler]
    public string Describe(GetTicket query) => $"{Title} v{Version}: {Assignee ?? "nobody"} ({Team ?? "-"}), {Assignments} assignment(s){(Closed ? ", closed" : string.Empty)}";

    [EventSourcingHandler]
    public void OnOpened(TicketOpened opened)
    {
        TicketId = opened.TicketId;
        Title = opened.Title;
    }

    [EventSourcingHandler]
    public void OnAssigned(TicketAssigned assigned)
    {
        Assignee = assigned.Assignee;
        Team = assigned.Team;
        Assignments++;
    }

    [EventSourcingHandler]
    public void OnClosed(TicketClosed closed) => Closed = true;
}

/// <summary>The schema history of <see cref="TicketAssigned"/>.</summary>
public static class TicketUpcasters
{
    [Upcaster(typeof(TicketAssigned), 1)]
    public static JsonObject PersonBecameAssignee(JsonObject revision1)
    {
        revision1["Assignee"] = revision1["Person"]?.DeepClone();
        revision1.Remove("Person");
        return revision1;
    }

    [Upcaster(typeof(TicketAssigned), 2)]
    public static JsonObject TeamAdded(JsonObject revision2)
    {
        revision2["Team"] = "support";
        return revision2;
    }
}

/// <summary>Sees each ticket event once it is stored.</summary>
public sealed class TicketWatcher(IEventStore events, CallLog log)
{
    [EventHandler]
    public async System.Threading.Tasks.Task OnClosed(TicketClosed closed)
    {
        var stream = await events.GetStreamAsync("tickets-" + closed.TicketId.ToString("D"));
        log.Add($"closed: stream at v{stream!.Version}");
    }
}

[JsonSerializable(typeof(Ticket))]
[JsonSerializable(typeof(TicketOpened))]
[JsonSerializable(typeof(TicketAssigned))]
[JsonSerializable(typeof(TicketClosed))]
internal sealed partial class TicketJson : JsonSerializerContext;
