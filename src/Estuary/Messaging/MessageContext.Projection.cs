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
    // Set on the context of a stored event only (never reused): the projection handling it, for ProjectionEmitter.
    private ProjectionEvent? _projectionEvent;

    /// <summary>The projection and stored event this context handles, when it is a projection handler's.</summary>
    internal ProjectionEvent? ProjectionEvent => _projectionEvent;

    internal static MessageContext CreateForStoredEvent(EstuaryRuntime runtime, RecordedEvent recorded, MessageContext batch, ProjectionEvent? projectionEvent = null)
    {
        // The batch's scope exists before its children inherit it.
        batch.ScopedServices();
        var context = new MessageContext();
        context.Initialize(runtime, headers: null, routingKey: null, batch.CancellationToken, parent: batch);
        context._messageId = recorded.EventId;
        context._projectionEvent = projectionEvent;
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

/// <summary>A stored event as a projection handles it: which projection, and whether it is replayed after a reset.</summary>
internal sealed record ProjectionEvent(string Projection, RecordedEvent Recorded, bool Replaying, ProjectionStateSlot State);
