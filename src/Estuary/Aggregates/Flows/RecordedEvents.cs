using System.Collections;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// Publishes what an aggregate recorded or appended, in order, through the host's event bus, keyed by the
/// instance's identifier (the <c>partition-key</c> header): on a partitioned channel the events of one
/// instance stay in order, with the commands sent to it.
/// </summary>
internal static class RecordedEvents
{
    public static async ValueTask PublishAsync(IEnumerable? events, MessageContext context, string id)
    {
        if (events is null)
        {
            return;
        }

        IEventBus? bus = null;
        MessageHeaders? keyed = null;
        foreach (var @event in events)
        {
            if (@event is null)
            {
                continue;
            }

            // Resolved once, and only when there is something to publish.
            bus ??= context.GetService<IEventBus>();
            keyed ??= new MessageHeaders { [MessageHeaderNames.PartitionKey] = id };
            await bus.PublishObjectAsync(@event, keyed, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
