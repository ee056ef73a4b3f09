using System.ComponentModel;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>The result type of handlers that return nothing, so one endpoint shape serves all handlers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct Nothing
{
    /// <summary>The only value.</summary>
    public static readonly Nothing Value;

    /// <summary>A completed task of <see cref="Value"/>: what a generated lambda for a handler returning nothing answers.</summary>
    public static ValueTask<Nothing> Completed => default;
}
