using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.Runtime;

/// <summary>What generated aggregate endpoints call: identifiers as text, and loading that fails clearly.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AggregateRuntime
{
    /// <summary>The header naming the target instance when the message carries no identifier.</summary>
    public const string IdentifierHeader = "aggregate.id";

    /// <summary>An identifier value as the text it is stored under, or an error saying which is missing.</summary>
    public static string Id(object? value, string aggregate, string member) =>
        WireHeaders.Format(value) is { Length: > 0 } text
            ? text
            : throw new MessageConversionException($"The message has no identifier for aggregate {aggregate}: '{member}' is empty.");

    /// <summary>Loads the instance or throws <see cref="AggregateNotFoundException"/>.</summary>
    public static async ValueTask<VersionedDocument<TAggregate>> LoadAsync<TAggregate>(IAggregateRepository<TAggregate> repository, string aggregate, string id, CancellationToken cancellationToken)
        where TAggregate : class =>
        await repository.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new AggregateNotFoundException(aggregate, id);
}
