using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Estuary.Runtime;

/// <summary>
/// The <see cref="ProjectionStateAttribute"/> state of the batch running the current projection
/// handler: what generated endpoints pass for such a parameter, and where a handler's returned state goes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProjectionStates
{
    /// <summary>The batch's state, read from what the projection saved (or created from <c>{}</c>) the first time a handler of the batch asks.</summary>
    public static TState Get<TState>(MessageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Slot(context).Get(TypeInfo<TState>(context));
    }

    /// <summary>Replaces the batch's state with what a handler returned.</summary>
    public static void Set<TState>(MessageContext context, TState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        Slot(context).Set(state);
    }

    internal static JsonTypeInfo<TState> TypeInfo<TState>(MessageContext context) => TypeInfo<TState>(context.Runtime.Json);

    /// <summary>The state type's System.Text.Json metadata in the host's options, or why there is none.</summary>
    internal static JsonTypeInfo<TState> TypeInfo<TState>(JsonSerializerOptions json) =>
        json.TryGetTypeInfo(typeof(TState), out var info) && info is JsonTypeInfo<TState> typed
            ? typed
            : throw new MessageConversionException(
                $"{typeof(TState).FullName} has no System.Text.Json metadata, so a projection cannot keep it as its state. Add [JsonSerializable(typeof({typeof(TState).Name}))] to a JsonSerializerContext of a composed module.");

    private static ProjectionStateSlot Slot(MessageContext context) =>
        context.ProjectionEvent?.State
            ?? throw new InvalidOperationException("[ProjectionState] is bound in a projection's event handlers only.");
}

/// <summary>
/// One batch's state: the saved JSON until a handler asks, then the object handlers change or replace.
/// The runner saves it with the position when a handler touched it.
/// </summary>
internal sealed class ProjectionStateSlot(byte[]? saved, JsonSerializerOptions json)
{
    private object? _value;

    /// <summary>Whether a handler took or replaced the state in this batch (so it is saved).</summary>
    public bool Touched { get; private set; }

    public TState Get<TState>(JsonTypeInfo<TState> info)
    {
        Touched = true;
        if (_value is TState current)
        {
            return current;
        }

        var state = JsonSerializer.Deserialize(saved is null ? "{}"u8 : saved.AsSpan(), info)!;
        _value = state;
        return state;
    }

    public void Set<TState>(TState state)
    {
        Touched = true;
        _value = state;
    }

    /// <summary>The state to save: the current object as JSON, by its own type's metadata.</summary>
    public byte[]? Serialize() =>
        _value is null ? saved
            : json.TryGetTypeInfo(_value.GetType(), out var info) ? JsonSerializer.SerializeToUtf8Bytes(_value, info)
            : throw new MessageConversionException($"{_value.GetType().FullName} has no System.Text.Json metadata, so a projection cannot keep it as its state.");
}
