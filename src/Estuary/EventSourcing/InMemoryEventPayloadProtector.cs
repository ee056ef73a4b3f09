using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Encrypts sensitive event members with AES-GCM under a random 256-bit key per subject, kept in memory:
/// for tests and single-process tools (the keys, and so the data, are gone when the process ends).
/// The output is nonce (12 bytes), tag (16 bytes), then ciphertext; the subject and the context are bound as associated data.
/// </summary>
public sealed class InMemoryEventPayloadProtector : IEventPayloadProtector
{
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<byte[]> ProtectAsync(string subject, ReadOnlyMemory<byte> plaintext, string context, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(context);
        var key = _keys.GetOrAdd(subject, static _ => SubjectCipher.NewKey());
        return new(SubjectCipher.Encrypt(key, subject, plaintext.Span, context));
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> UnprotectAsync(string subject, ReadOnlyMemory<byte> ciphertext, string context, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(context);
        return new(_keys.TryGetValue(subject, out var key) ? SubjectCipher.Decrypt(key, subject, ciphertext.Span, context) : null);
    }

    /// <inheritdoc />
    public ValueTask ForgetAsync(string subject, CancellationToken cancellationToken)
    {
        _keys.TryRemove(subject, out _);
        return default;
    }
}
