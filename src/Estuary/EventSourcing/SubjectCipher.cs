using System;
using System.Security.Cryptography;
using System.Text;

namespace Estuary;

/// <summary>
/// AES-GCM with a 256-bit key, bound to a subject as associated data, so a value copied into another
/// subject's event (or a key row copied to another subject) does not decrypt. The output is nonce
/// (12 bytes), tag (16 bytes), then ciphertext. Used for sensitive members and for wrapping keys.
/// </summary>
internal static class SubjectCipher
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeySize);

    public static byte[] Encrypt(ReadOnlySpan<byte> key, string subject, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(subject));
        return output;
    }

    /// <exception cref="CryptographicException">The input is not this subject's, or not under this key, or damaged.</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> key, string subject, ReadOnlySpan<byte> input)
    {
        if (input.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("A protected value is shorter than its nonce and tag.");
        }

        var plaintext = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input[..NonceSize], input[(NonceSize + TagSize)..], input.Slice(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(subject));
        return plaintext;
    }
}
