using System.ComponentModel;

namespace Estuary.Runtime;

/// <summary>What a generated aggregate endpoint does when the instance its message names does not exist.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum WhenMissing
{
    /// <summary>The handling fails with <see cref="AggregateNotFoundException"/>.</summary>
    Throw,

    /// <summary>The message is skipped (<c>DropMessageOnNotFound</c>, a saga's event handlers by default).</summary>
    Skip,
}

/// <summary>How an aggregate flow ended: the instance it acted on or created (none when skipped), and the handler's result.</summary>
/// <param name="Instance">The loaded or created instance; <see langword="null"/> when a missing instance was skipped.</param>
/// <param name="Result">What the handler returned, when it acted.</param>
/// <param name="Created">Whether the instance was missing and a factory created it.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct Acted<TAggregate, TResult>(TAggregate? Instance, TResult Result, bool Created)
    where TAggregate : class;
