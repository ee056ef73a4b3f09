using System.ComponentModel;

namespace Estuary.Runtime;

/// <summary>The result type of handlers that return nothing, so one endpoint shape serves all handlers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct Nothing
{
    /// <summary>The only value.</summary>
    public static readonly Nothing Value;
}
