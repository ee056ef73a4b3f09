using System.Collections;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>Publishes what an aggregate recorded or appended, in order, through the host's event bus.</summary>
internal static class RecordedEvents
{
    public static async ValueTask PublishAsync(IEnumerable? events, MessageContext context)
    {
        if (events is null)
        {
            return;
        }

        IEventBus? bus = null;
        foreach (var @event in events)
        {
            if (@event is null)
            {
                continue;
            }

            // Resolved once, and only when there is something to publish.
            bus ??= context.GetService<IEventBus>();
            await bus.PublishObjectAsync(@event, null, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
