using System;
using System.Security.Cryptography;
using System.Text;

namespace Estuary.Channels;

/// <summary>
/// Message ids for messages of other programs whose ids are not UUIDs (or that have none): the same text
/// always gives the same UUID, so a redelivered or duplicated foreign message is recognised as a duplicate.
/// </summary>
public static class StableMessageIds
{
    /// <summary>A name-based UUID (RFC 9562 version 8, from SHA-256) of <paramref name="name"/> in <paramref name="space"/>.</summary>
    public static Guid From(string space, string name)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(space + ":" + name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);   // version 8
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);   // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
