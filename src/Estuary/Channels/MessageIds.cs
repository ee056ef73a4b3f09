using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Estuary.Channels;

/// <summary>
/// New message ids: UUIDs of RFC 9562 version 7 (the time in milliseconds, then 74 random bits), as
/// <see cref="Guid.CreateVersion7(DateTimeOffset)"/> makes them. The random bits come from the system's
/// cryptographically secure generator like that method's, but drawn 4 KiB at a time into a buffer of each
/// thread: on Linux, <c>Guid.CreateVersion7</c> asks the system for 16 bytes per id, a system call that cost
/// more than the rest of a send through a Kafka channel.
/// </summary>
public static class MessageIds
{
    private const int RandomBytesPerId = 10;

    // 409 ids per refill.
    private const int BufferSize = 4096;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_used;

    /// <summary>A new version 7 UUID for a message sent at <paramref name="timestamp"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestamp"/> is before 1970.</exception>
    public static Guid New(DateTimeOffset timestamp)
    {
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(timestamp));

        var random = t_random;
        var used = t_used;
        if (random is null || used > BufferSize - RandomBytesPerId)
        {
            random = t_random ??= new byte[BufferSize];
            RandomNumberGenerator.Fill(random);
            used = 0;
        }

        // Bytes 0-5: the milliseconds, big-endian; 6-15: random bits, but for the version and the variant.
        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(id, milliseconds << 16);
        random.AsSpan(used, RandomBytesPerId).CopyTo(id[6..]);

        // Used bytes are wiped: the bits of an id sent do not stay in memory.
        random.AsSpan(used, RandomBytesPerId).Clear();
        t_used = used + RandomBytesPerId;

        id[6] = (byte)((id[6] & 0x0F) | 0x70);   // version 7
        id[8] = (byte)((id[8] & 0x3F) | 0x80);   // RFC 9562 variant
        return new Guid(id, bigEndian: true);
    }
}
