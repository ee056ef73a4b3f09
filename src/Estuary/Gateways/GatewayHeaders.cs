using System.ComponentModel;

namespace Estuary.Runtime;

/// <summary>Used by generated gateways whose [Before] interceptors change headers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GatewayHeaders
{
    /// <summary>Overlays <paramref name="changes"/> on <paramref name="headers"/> without mutating either.</summary>
    public static MessageHeaders? Merge(MessageHeaders? headers, MessageHeaders? changes) => MessageHeaders.Merge(headers, changes);

    /// <summary>
    /// The error for a gateway interceptor's required header that is missing or cannot be converted;
    /// the same rule as for handlers: a non-nullable header parameter is required.
    /// </summary>
    public static MissingHeaderException Missing(string interceptor, string header, string parameter, object? raw) => raw is null
        ? new MissingHeaderException(
            $"{interceptor} needs header '{header}' for parameter '{parameter}', but the message was sent through the gateway without it. " +
            $"Send it with the message (new MessageHeaders {{ [\"{header}\"] = ... }}), or make the parameter nullable to make it optional.")
        : new MissingHeaderException(
            $"{interceptor} needs header '{header}' for parameter '{parameter}', but its value '{raw}' ({raw.GetType().Name}) cannot be converted.");

    /// <summary>The raw value of a header being sent, or <see langword="null"/>.</summary>
    public static object? Get(MessageHeaders? headers, string name) => headers is not null && headers.TryGetValue(name, out var value) ? value : null;
}
