using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Gateways;

public sealed record OpenTicket(string Title);

public sealed record Ticket(string Id, string Title, string Reporter);

public sealed record FindTicket(string Id);

public sealed record CloseTicket(string Id);

public readonly record struct TicketNumber(int Value);

/// <summary>A business interface: each method is a routed send, implemented by Estuary.</summary>
public interface IHelpDesk
{
    [BusinessMethod("helpdesk.open")]
    ValueTask<Ticket> OpenAsync(OpenTicket ticket, [Header("reporter")] string reporter, CancellationToken cancellationToken = default);

    [BusinessMethod("helpdesk.find")]
    Task<string?> FindTitleAsync(FindTicket query, [Header("tenant")] string tenant);

    // A parameter named like the generated code's locals; all its headers are sent.
    [BusinessMethod("helpdesk.find")]
    Task<string?> FindTitleWithHeadersAsync(FindTicket query, MessageHeaders headers);

    [BusinessMethod("helpdesk.close")]
    Task CloseAsync(CloseTicket command);

    [BusinessMethod("helpdesk.count")]
    int CountOpen();

    // Struct payloads: a Guid and a record struct are sent as the message, as to a routing-key handler.
    [BusinessMethod("helpdesk.title-by-number")]
    Task<string?> TitleByNumberAsync(TicketNumber number);

    [BusinessMethod("helpdesk.agent")]
    Task<string> AgentAsync(System.Guid agentId);
}

public sealed class HelpDeskHandlers(CallLog log)
{
    private readonly ConcurrentDictionary<string, Ticket> _open = new();

    [CommandHandler("helpdesk.open")]
    public Ticket Open(OpenTicket command, [Header("reporter")] string reporter, CancellationToken cancellationToken)
    {
        var ticket = new Ticket($"T{_open.Count + 1}", command.Title, reporter);
        _open[ticket.Id] = ticket;
        log.Add($"opened {ticket.Id} by {reporter} (cancellable={cancellationToken.CanBeCanceled})");
        return ticket;
    }

    [QueryHandler("helpdesk.find")]
    public string? Find(FindTicket query, [Header("tenant")] string tenant)
    {
        log.Add($"find {query.Id} for {tenant}");
        return _open.TryGetValue(query.Id, out var ticket) ? ticket.Title : null;
    }

    [CommandHandler("helpdesk.close")]
    public async Task CloseAsync(CloseTicket command)
    {
        await Task.Yield();
        _open.TryRemove(command.Id, out _);
        log.Add($"closed {command.Id}");
    }

    [QueryHandler("helpdesk.count")]
    public int CountOpen() => _open.Count;

    [QueryHandler("helpdesk.title-by-number")]
    public string? TitleByNumber(TicketNumber number) => _open.TryGetValue($"T{number.Value}", out var ticket) ? ticket.Title : null;

    [QueryHandler("helpdesk.agent")]
    public string Agent(System.Guid agentId) => "agent " + agentId.ToString("N")[..8];
}
