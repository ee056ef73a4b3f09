using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Estuary;

/// <summary>
/// Headers sent with a message: string names (compared ordinally) to values. Build one with a
/// collection initializer and pass it to a bus:
/// <code>await bus.SendAsync(command, new MessageHeaders { ["user"] = "alice" });</code>
/// Once a message is sent, treat its headers as read-only: they are shared, not copied, with
/// everything the handler sends in turn.
/// </summary>
public sealed class MessageHeaders : IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _values;

    /// <summary>Creates an empty set of headers.</summary>
    public MessageHeaders() => _values = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Creates headers holding a copy of <paramref name="values"/>.</summary>
    public MessageHeaders(IEnumerable<KeyValuePair<string, object?>> values)
        : this()
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var pair in values)
        {
            _values[pair.Key] = pair.Value;
        }
    }

    internal MessageHeaders(int capacity) => _values = new Dictionary<string, object?>(capacity, StringComparer.Ordinal);

    /// <summary>Gets or sets a header.</summary>
    public object? this[string name]
    {
        get => _values.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"The message has no header '{name}'.");
        set => _values[name] = value;
    }

    /// <summary>The number of headers.</summary>
    public int Count => _values.Count;

    /// <summary>The header names.</summary>
    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>The header values.</summary>
    public IEnumerable<object?> Values => _values.Values;

    /// <summary>Adds a header; throws if it is already present.</summary>
    public void Add(string name, object? value) => _values.Add(name, value);

    /// <summary>Removes a header, returning whether it was present.</summary>
    public bool Remove(string name) => _values.Remove(name);

    /// <summary>Whether a header with <paramref name="name"/> is present.</summary>
    public bool ContainsKey(string name) => _values.ContainsKey(name);

    /// <summary>Gets a header's value if it is present.</summary>
    public bool TryGetValue(string name, [MaybeNullWhen(false)] out object? value) => _values.TryGetValue(name, out value);

    /// <summary>Enumerates the headers.</summary>
    public Dictionary<string, object?>.Enumerator GetEnumerator() => _values.GetEnumerator();

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    /// <summary>
    /// Returns headers holding this set's entries overlaid with <paramref name="overrides"/>.
    /// Either argument is returned as is when the other adds nothing, so merging allocates only
    /// when both have entries.
    /// </summary>
    internal static MessageHeaders? Merge(MessageHeaders? inherited, MessageHeaders? overrides)
    {
        if (overrides is null || overrides.Count == 0)
        {
            return inherited;
        }

        if (inherited is null || inherited.Count == 0)
        {
            return overrides;
        }

        var merged = new MessageHeaders(inherited.Count + overrides.Count);
        foreach (var pair in inherited._values)
        {
            merged._values[pair.Key] = pair.Value;
        }

        foreach (var pair in overrides._values)
        {
            merged._values[pair.Key] = pair.Value;
        }

        return merged;
    }

    /// <summary>Returns the headers without Estuary's reserved ones (the part that propagates).</summary>
    internal MessageHeaders? WithoutReserved() => Split(out _);

    /// <summary>
    /// Splits the headers into the part that propagates (returned) and Estuary's reserved ones
    /// (<paramref name="reserved"/>), which belong to this message only. Allocates only when both parts have entries.
    /// </summary>
    internal MessageHeaders? Split(out MessageHeaders? reserved)
    {
        var reservedCount = 0;
        foreach (var name in _values.Keys)
        {
            if (MessageHeaderNames.IsReserved(name))
            {
                reservedCount++;
            }
        }

        if (reservedCount == 0)
        {
            reserved = null;
            return Count == 0 ? null : this;
        }

        if (reservedCount == Count)
        {
            reserved = this;
            return null;
        }

        var user = new MessageHeaders(_values.Count - reservedCount);
        reserved = new MessageHeaders(reservedCount);
        foreach (var pair in _values)
        {
            (MessageHeaderNames.IsReserved(pair.Key) ? reserved : user)._values[pair.Key] = pair.Value;
        }

        return user;
    }

    /// <summary>The headers of a received message that propagate (its user headers), sized once; null when it has none.</summary>
    internal static MessageHeaders? UserPartOf(IReadOnlyDictionary<string, string> received)
    {
        // Most channels read headers into a Dictionary: walked through its own enumerator, nothing is boxed.
        if (received is not Dictionary<string, string> source)
        {
            return UserPartOfView(received);
        }

        var userCount = 0;
        foreach (var pair in source)
        {
            if (!MessageHeaderNames.IsReserved(pair.Key))
            {
                userCount++;
            }
        }

        if (userCount == 0)
        {
            return null;
        }

        var user = new MessageHeaders(userCount);
        foreach (var pair in source)
        {
            if (!MessageHeaderNames.IsReserved(pair.Key))
            {
                user._values[pair.Key] = pair.Value;
            }
        }

        return user;
    }

    // Headers a channel decodes when read (Kafka's): only the names are walked, and only user headers' values read.
    private static MessageHeaders? UserPartOfView(IReadOnlyDictionary<string, string> received)
    {
        MessageHeaders? user = null;
        foreach (var name in received.Keys)
        {
            if (!MessageHeaderNames.IsReserved(name))
            {
                (user ??= new MessageHeaders(4))._values[name] = received[name];
            }
        }

        return user;
    }
}
