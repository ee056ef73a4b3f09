using System;
using System.Collections.Generic;

namespace Estuary.Postgres;

/// <summary>
/// The master keys that wrap subjects' keys (see <see cref="PostgresEventPayloadProtector"/>): the
/// current one, which wraps every new key, and earlier ones still able to open keys wrapped before a
/// rotation, until <see cref="PostgresEventPayloadProtector.RewrapAsync"/> has moved them all to the
/// current one. Each key has an id, stored with every key it wraps.
/// <code>
/// var keys = new MasterKeys("2026-11", newKey).WithPrevious("2025-05", oldKey);
/// </code>
/// </summary>
public sealed class MasterKeys
{
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <summary>Starts with the current master key.</summary>
    /// <param name="currentId">Its id: any text that names it, stored with each key it wraps (e.g. <c>"2026-11"</c>).</param>
    /// <param name="current">32 bytes, kept outside the database.</param>
    /// <exception cref="ArgumentException">An empty id, or a key that is not 32 bytes.</exception>
    public MasterKeys(string currentId, ReadOnlySpan<byte> current)
    {
        CurrentId = currentId;
        Add(currentId, current);
    }

    /// <summary>The id of the master key that wraps new keys.</summary>
    public string CurrentId { get; }

    internal byte[] Current => _keys[CurrentId];

    /// <summary>Adds an earlier master key, to open keys it wrapped.</summary>
    /// <exception cref="ArgumentException">An empty or repeated id, or a key that is not 32 bytes.</exception>
    public MasterKeys WithPrevious(string id, ReadOnlySpan<byte> key)
    {
        Add(id, key);
        return this;
    }

    internal bool TryGet(string id, out byte[] key) => _keys.TryGetValue(id, out key!);

    private void Add(string id, ReadOnlySpan<byte> key)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (key.Length != SubjectCipher.KeySize)
        {
            throw new ArgumentException(
                $"Master key '{id}' must be {SubjectCipher.KeySize} bytes (256 bits), not {key.Length}: generate one with RandomNumberGenerator.GetBytes(32) and keep it in a secret store.",
                nameof(key));
        }

        if (!_keys.TryAdd(id, key.ToArray()))
        {
            throw new ArgumentException($"Master key '{id}' is given twice; each master key needs an id of its own.", nameof(id));
        }
    }
}
