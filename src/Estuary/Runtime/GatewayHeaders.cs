using System.ComponentModel;

namespace Estuary.Runtime;

/// <summary>Used by generated gateways whose [Before] interceptors change headers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GatewayHeaders
{
    /// <summary>Overlays <paramref name="changes"/> on <paramref name="headers"/> without mutating either.</summary>
    public static MessageHeaders? Merge(MessageHeaders? headers, MessageHeaders? changes) => MessageHeaders.Merge(headers, changes);

    /// <summary>The raw value of a header being sent, or <see langword="null"/>.</summary>
    public static object? Get(MessageHeaders? headers, string name) => headers is not null && headers.TryGetValue(name, out var value) ? value : null;
}
