using System;
using System.Collections.Generic;

namespace Estuary;

/// <summary>
/// The actions a unit of work runs on rollback or after its commit, in the order they were registered.
/// Most units of work register one (the deduplication mark's undo) or none, so the first action is a
/// field and a list is made only for a second one: nothing is allocated for it per message.
/// </summary>
internal struct ActionList
{
    private Action? _first;
    private List<Action>? _rest;

    public readonly int Count => _first is null ? 0 : 1 + (_rest?.Count ?? 0);

    public void Add(Action action)
    {
        if (_first is null)
        {
            _first = action;
        }
        else
        {
            (_rest ??= []).Add(action);
        }
    }

    /// <summary>Runs the actions registered after the first <paramref name="keep"/>, newest first, and forgets them.</summary>
    public void UndoAfter(int keep)
    {
        for (var i = Count - 1; i >= keep; i--)
        {
            At(i)();
        }

        Truncate(keep);
    }

    /// <summary>Runs every action, oldest first, and forgets them.</summary>
    public void RunAll()
    {
        var count = Count;
        for (var i = 0; i < count; i++)
        {
            At(i)();
        }

        Truncate(0);
    }

    public void Clear() => Truncate(0);

    private readonly Action At(int index) => index == 0 ? _first! : _rest![index - 1];

    private void Truncate(int count)
    {
        if (count == 0)
        {
            _first = null;
            _rest?.Clear();
        }
        else if (_rest is { } rest && rest.Count > count - 1)
        {
            rest.RemoveRange(count - 1, rest.Count - (count - 1));
        }
    }
}
