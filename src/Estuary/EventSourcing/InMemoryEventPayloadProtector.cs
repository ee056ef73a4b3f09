using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Encrypts sensitive event members with AES-GCM under a random 256-bit key per subject, kept in memory:
/// for tests and single-process tools (the keys, and so the data, are gone when the process ends).
/// The output is nonce (12 bytes), tag (16 bytes), then ciphertext.
/// </summary>
public sealed class InMemoryEventPayloadProtector : IEventPayloadProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<byte[]> ProtectAsync(string subject, ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var key = _keys.GetOrAdd(subject, static _ => RandomNumberGenerator.GetBytes(32));
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext.Span, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Associated(subject));
        return new(output);
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> UnprotectAsync(string subject, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (!_keys.TryGetValue(subject, out var key))
        {
            return new((byte[]?)null);
        }

        var input = ciphertext.Span;
        if (input.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("A protected event member is shorter than its nonce and tag.");
        }

        var plaintext = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input[..NonceSize], input[(NonceSize + TagSize)..], input.Slice(NonceSize, TagSize), plaintext, Associated(subject));
        return new(plaintext);
    }

    /// <inheritdoc />
    public ValueTask ForgetAsync(string subject, CancellationToken cancellationToken)
    {
        _keys.TryRemove(subject, out _);
        return default;
    }

    // Binding the ciphertext to its subject: a value copied into another subject's event does not decrypt.
    private static byte[] Associated(string subject) => System.Text.Encoding.UTF8.GetBytes(subject);
}
