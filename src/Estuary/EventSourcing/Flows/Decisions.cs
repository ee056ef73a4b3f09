using System.ComponentModel;

namespace Estuary.Runtime;

/// <summary>Builds a <see cref="Decided{TResult}"/> from what an event-sourced handler returned or recorded.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Decisions
{
    /// <summary>A decision with an answer and the events (a single event, a sequence or <see langword="null"/>).</summary>
    public static Decided<TResult> Of<TResult>(TResult result, object? events) => new(result, EventSourcingRuntime.Events(events));

    /// <summary>A decision that answers nothing: only the events (a single event, a sequence or <see langword="null"/>).</summary>
    public static Decided<Nothing> Of(object? events) => new(default, EventSourcingRuntime.Events(events));
}
