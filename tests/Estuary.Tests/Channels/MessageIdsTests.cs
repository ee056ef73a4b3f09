using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Channels;
using Xunit;

namespace Estuary.Tests.Channels;

public sealed class MessageIdsTests
{
    private static readonly DateTimeOffset s_sent = new(2026, 12, 6, 13, 45, 30, 123, TimeSpan.Zero);

    [Fact]
    public void An_id_is_a_version_7_uuid_that_starts_with_its_time_in_milliseconds_as_Guid_CreateVersion7_writes_it()
    {
        var id = MessageIds.New(s_sent);
        var reference = Guid.CreateVersion7(s_sent);

        Assert.Equal(7, id.Version);
        Assert.Equal(0b1000, reference.Variant & 0b1100);   // RFC 9562 variant: the top two bits 10
        Assert.Equal(0b1000, id.Variant & 0b1100);

        // The first 48 bits (12 hex digits) are the milliseconds since 1970, big-endian.
        Assert.Equal(reference.ToString("N")[..12], id.ToString("N")[..12]);
        Assert.Equal(s_sent.ToUnixTimeMilliseconds(), Convert.ToInt64(id.ToString("N")[..12], 16));
    }

    [Fact]
    public void Ids_made_on_several_threads_across_many_refills_of_their_buffers_are_all_different()
    {
        // Far more ids per thread than one buffer holds: a refill that reused bits, or a buffer shared
        // between threads, would repeat ids.
        const int PerThread = 5_000;
        var made = new Guid[4][];
        Parallel.For(0, made.Length, thread =>
        {
            made[thread] = new Guid[PerThread];
            for (var i = 0; i < PerThread; i++)
            {
                made[thread][i] = MessageIds.New(s_sent);
            }
        });

        var all = made.SelectMany(ids => ids).ToList();
        Assert.Equal(all.Count, new HashSet<Guid>(all).Count);

        // Each of the 74 random bits is set in about half of the ids: none is stuck, none is a counter's high bit.
        var set = new int[128];
        foreach (var id in all)
        {
            var bytes = id.ToByteArray(bigEndian: true);
            for (var bit = 0; bit < 128; bit++)
            {
                set[bit] += (bytes[bit / 8] >> (7 - (bit % 8))) & 1;
            }
        }

        var randomBits = Enumerable.Range(48, 80).Where(bit => bit is not (>= 48 and < 52) and not (64 or 65)).ToList();
        Assert.Equal(74, randomBits.Count);
        Assert.All(randomBits, bit => Assert.InRange(set[bit], all.Count * 45 / 100, all.Count * 55 / 100));
    }

    [Fact]
    public void A_time_before_1970_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageIds.New(new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero)));
    }
}
