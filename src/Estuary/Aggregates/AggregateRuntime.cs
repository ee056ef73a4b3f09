using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.Runtime;

/// <summary>What generated aggregate and saga code calls: identifiers as text, read from the message or a header; and the retry rules of the flows.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AggregateRuntime
{
    /// <summary>The header naming the target instance when the message carries no identifier.</summary>
    public const string IdentifierHeader = MessageHeaderNames.AggregateId;

    /// <summary>An identifier value as the text it is stored under, or an error saying which is missing.</summary>
    public static string Id(object? value, string aggregate, string member) =>
        WireHeaders.Format(value) is { Length: > 0 } text
            ? text
            : throw new MessageConversionException($"The message has no identifier for {aggregate}: '{member}' is empty.");

    /// <summary>The identifier a message without one names in its <see cref="IdentifierHeader"/> header, or an error saying it is missing.</summary>
    public static string IdFromHeader(MessageContext context, string aggregate) =>
        Id(Header(context, IdentifierHeader), aggregate, IdentifierHeader);

    /// <summary>A header of the handled message, or <see langword="null"/> (an identifier mapped to a header).</summary>
    public static object? Header(MessageContext context, string name) =>
        context.TryGetHeader(name, out var value) ? value : null;

    /// <summary>Loads the instance or throws <see cref="AggregateNotFoundException"/> (a [Repository] interface's get, a query on an aggregate).</summary>
    public static async ValueTask<VersionedDocument<TAggregate>> LoadAsync<TAggregate>(IAggregateRepository<TAggregate> repository, string aggregate, string id, CancellationToken cancellationToken)
        where TAggregate : class =>
        await repository.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new AggregateNotFoundException(aggregate, id);

    /// <summary>Where an attempt of a handler with [ConcurrencyRetry] starts in the current unit of work.</summary>
    internal static AttemptCheckpoint Checkpoint() =>
        UnitOfWork.Current is { } work ? new AttemptCheckpoint(work, work.Mark()) : default;

    /// <summary>
    /// Whether an attempt that lost a save to a concurrent change runs again: while retries remain, and
    /// only outside a database transaction (there the attempt's other writes share the transaction, and
    /// the delivery's retry rolls it all back instead). Messages the attempt sent are withdrawn.
    /// </summary>
    internal static bool RetryAfterConflict(AttemptCheckpoint checkpoint, int attempt, int retries)
    {
        if (attempt >= retries || checkpoint.Work?.Session is not null)
        {
            return false;
        }

        checkpoint.Work?.RewindTo(checkpoint.Mark);
        return true;
    }
}

/// <summary>A position in a unit of work that a retried attempt rewinds to.</summary>
internal readonly struct AttemptCheckpoint
{
    internal AttemptCheckpoint(UnitOfWork work, (int Outgoing, int Undo) mark)
    {
        Work = work;
        Mark = mark;
    }

    internal UnitOfWork? Work { get; }

    internal (int Outgoing, int Undo) Mark { get; }
}
