using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text;

namespace Estuary.Kafka;

/// <summary>
/// The headers of a consumed record as the envelope's header dictionary, each value decoded from its
/// UTF-8 bytes only when it is first read. A received message's pipeline reads a few of its headers (the
/// correlation id, the routing key); the others (the timestamp, the content type...) are decoded only if a
/// handler or a failure asks for them, and no <see cref="Dictionary{TKey, TValue}"/> is built per record.
/// Behaves as the dictionary <see cref="KafkaEnvelope.Read"/> used to fill: a name set again keeps its
/// place and takes the new value; entries are enumerated in the order their names were first set.
/// Written by the polling thread while the envelope is read, then only read (a value decoded twice at
/// once by two readers gives the same text).
/// </summary>
internal sealed class RecordHeaders : IReadOnlyDictionary<string, string>
{
    private readonly RepeatedHeaderTexts? _texts;
    private readonly UTF8Encoding _strict;
    private readonly byte[]? _idBytes;
    private readonly string? _idText;
    private Entry[] _entries;
    private int _used;
    private int _removed;

    /// <param name="capacity">The entries expected (the record's headers and the few the envelope adds).</param>
    /// <param name="strict">The UTF-8 decoding that refuses invalid bytes.</param>
    /// <param name="texts">The consumer's texts of repeated values, or null.</param>
    /// <param name="idBytes">The message id's bytes: a value with the same bytes is <paramref name="idText"/> itself.</param>
    /// <param name="idText">The message id's text.</param>
    public RecordHeaders(int capacity, UTF8Encoding strict, RepeatedHeaderTexts? texts, byte[]? idBytes, string? idText)
    {
        _entries = new Entry[Math.Max(capacity, 4)];
        _strict = strict;
        _texts = texts;
        _idBytes = idBytes;
        _idText = idText;
    }

    public int Count => _used - _removed;

    /// <summary>The names, without decoding any value.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _used; i++)
            {
                if (_entries[i].Name is { } name)
                {
                    yield return name;
                }
            }
        }
    }

    public IEnumerable<string> Values => this.Select(static pair => pair.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No header '{key}'.");

    /// <summary>Sets <paramref name="name"/> to the text of <paramref name="bytes"/>, which must be valid UTF-8 (decoded when read).</summary>
    public void SetBytes(string name, byte[] bytes) => Set(name, bytes, text: null);

    /// <summary>Sets <paramref name="name"/> to <paramref name="text"/>.</summary>
    public void SetText(string name, string text) => Set(name, bytes: null, text);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            value = null;
            return false;
        }

        value = TextAt(index);
        return true;
    }

    /// <summary>Removes <paramref name="name"/>, giving its text.</summary>
    public bool Remove(string name, [MaybeNullWhen(false)] out string text)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            text = null;
            return false;
        }

        text = TextAt(index);
        _entries[index] = default;
        _removed++;
        return true;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _used; i++)
        {
            if (_entries[i].Name is { } name)
            {
                yield return new(name, TextAt(i));
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Set(string name, byte[]? bytes, string? text)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            if (_used == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
            }

            index = _used++;
        }

        _entries[index] = new Entry(name, bytes, text);
    }

    // A linear search: a record has a handful of headers, and comparing a few short names costs less than hashing one.
    private int IndexOf(string name)
    {
        for (var i = 0; i < _used; i++)
        {
            if (string.Equals(_entries[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private string TextAt(int index)
    {
        ref var entry = ref _entries[index];
        if (entry.Text is { } text)
        {
            return text;
        }

        var bytes = entry.Bytes!;
        text = _idText is not null && bytes.AsSpan().SequenceEqual(_idBytes)
            ? _idText
            : _texts is null ? _strict.GetString(bytes) : _texts.Decode(entry.Name!, bytes, _strict);
        entry.Text = text;
        return text;
    }

    private struct Entry(string name, byte[]? bytes, string? text)
    {
        public string? Name = name;
        public byte[]? Bytes = bytes;
        public string? Text = text;
    }
}
