using System;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary.FunctionalTests.EventSourcing;

namespace Estuary.FunctionalTests.Projections;

/// <summary>One ticket as the board shows it.</summary>
public sealed record BoardEntry(string Title, string? Assignee);

[JsonSerializable(typeof(BoardEntry))]
internal sealed partial class BoardJson : JsonSerializerContext;

/// <summary>A scoped service of one batch: which batch each event was handled in, and whether the batch's scope was disposed.</summary>
public sealed class BoardBatch(BoardBatches batches) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public void Saw(string title) => batches.Seen.Enqueue((Id, title));

    public void Dispose() => batches.Disposed.Enqueue(Id);
}

/// <summary>What the batches' scoped services recorded.</summary>
public sealed class BoardBatches
{
    public System.Collections.Concurrent.ConcurrentQueue<(Guid Batch, string Title)> Seen { get; } = new();

    public System.Collections.Concurrent.ConcurrentQueue<Guid> Disposed { get; } = new();
}

/// <summary>Makes the board fail on one title, the way a bug would, until the test fixes it.</summary>
public sealed class BoardBug
{
    public string? FailsOn { get; set; }
}

/// <summary>The tickets and who has them, in the document store, fed from the ticket streams two events at a time.</summary>
[Projection("ticket_board", BatchSize = 2)]
[FromAggregateStream(typeof(Ticket))]
public static class TicketBoard
{
    public const string Collection = "board";

    [EventHandler]
    public static async Task On(TicketOpened opened, IDocumentStore documents, BoardBug bug, BoardBatch batch)
    {
        batch.Saw(opened.Title);
        if (bug.FailsOn == opened.Title)
        {
            throw new InvalidOperationException($"The board cannot show '{opened.Title}' yet.");
        }

        await documents.UpsertAsync(Collection, opened.TicketId.ToString("D"), new BoardEntry(opened.Title, null));
    }

    [EventHandler]
    public static async Task On(TicketAssigned assigned, IDocumentStore documents)
    {
        var entry = await documents.GetAsync<BoardEntry>(Collection, assigned.TicketId.ToString("D"));
        await documents.UpdateAsync(Collection, assigned.TicketId.ToString("D"), entry with { Assignee = assigned.Assignee });
    }

    [ProjectionReset]
    public static ValueTask Reset(IDocumentStore documents) => documents.DropCollectionAsync(Collection);
}
