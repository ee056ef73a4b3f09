using System.ComponentModel;

namespace Estuary.Runtime;

/// <summary>Used by generated event endpoints when a payload is not already of the handler's type.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Payload
{
    /// <summary>Converts a routed payload (an object, or JSON with the message's content type) to <typeparamref name="T"/>.</summary>
    public static T Convert<T>(object? payload, MessageContext context, Endpoint endpoint) =>
        context.Runtime.Messages.ConvertPayload<T>(payload, context.ContentType, endpoint);
}
