using System.ComponentModel;

namespace Estuary.Runtime;

/// <summary>What gateway interceptors decided about a send: go on (with these headers) or stop.</summary>
/// <param name="Proceed">Whether the message is dispatched.</param>
/// <param name="Headers">The headers to dispatch it with.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct SendDecision(bool Proceed, MessageHeaders? Headers);
