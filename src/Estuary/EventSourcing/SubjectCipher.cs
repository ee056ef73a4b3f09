using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Estuary;

/// <summary>
/// AES-GCM with a 256-bit key, bound as associated data to a subject and, optionally, a context (the
/// event and member a value is stored in), so a value copied into another subject's event, another
/// event or another member (or a key row copied to another subject) does not decrypt. The output is
/// nonce (12 bytes), tag (16 bytes), then ciphertext. Used for sensitive members, snapshots and wrapped keys.
/// </summary>
internal static class SubjectCipher
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeySize);

    public static byte[] Encrypt(ReadOnlySpan<byte> key, string subject, ReadOnlySpan<byte> plaintext, string context = "")
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(subject, context));
        return output;
    }

    /// <exception cref="CryptographicException">The input is not this subject's (or context's), or not under this key, or damaged.</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> key, string subject, ReadOnlySpan<byte> input, string context = "")
    {
        if (input.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("A protected value is shorter than its nonce and tag.");
        }

        var plaintext = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input[..NonceSize], input[(NonceSize + TagSize)..], input.Slice(NonceSize, TagSize), plaintext, AssociatedData(subject, context));
        return plaintext;
    }

    // Without a context: the subject's UTF-8 bytes (the form values written before contexts existed use).
    // With one: the subject's length, the subject, then the context, so no two pairs give the same bytes.
    private static byte[] AssociatedData(string subject, string context)
    {
        if (context.Length == 0)
        {
            return Encoding.UTF8.GetBytes(subject);
        }

        var subjectLength = Encoding.UTF8.GetByteCount(subject);
        var data = new byte[4 + subjectLength + Encoding.UTF8.GetByteCount(context)];
        BinaryPrimitives.WriteInt32BigEndian(data, subjectLength);
        Encoding.UTF8.GetBytes(subject, data.AsSpan(4));
        Encoding.UTF8.GetBytes(context, data.AsSpan(4 + subjectLength));
        return data;
    }
}
