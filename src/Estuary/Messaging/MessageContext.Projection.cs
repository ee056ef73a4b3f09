using System;
using Estuary.Runtime;

namespace Estuary;

// The context of an event a projection reads from the store.
public sealed partial class MessageContext
{
    /// <summary>
    /// Creates the context of a stored event handled in a projection batch: the event's id, correlation,
    /// causation and headers as appended, with the batch's unit of work and scoped services (so every
    /// handler of the batch writes in one transaction and shares one scope).
    /// </summary>
    internal static MessageContext CreateForStoredEvent(EstuaryRuntime runtime, RecordedEvent recorded, MessageContext batch)
    {
        // The batch's scope exists before its children inherit it.
        batch.ScopedServices();
        var context = new MessageContext();
        context.Initialize(runtime, headers: null, routingKey: null, batch.CancellationToken, parent: batch);
        context._messageId = recorded.EventId;
        var metadata = recorded.Metadata;
        context._correlationId = Guid.TryParse(metadata.CorrelationId, out var correlation) ? correlation : recorded.EventId;
        context._causationId = Guid.TryParse(metadata.CausationId, out var causation) ? causation : default;
        if (metadata.Headers.Count > 0)
        {
            var headers = new MessageHeaders();
            foreach (var pair in metadata.Headers)
            {
                headers[pair.Key] = pair.Value;
            }

            context._headers = headers;
        }

        return context;
    }
}
