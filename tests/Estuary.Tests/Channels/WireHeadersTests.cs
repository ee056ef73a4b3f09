using System;
using Estuary.Channels;
using Xunit;

namespace Estuary.Tests.Channels;

public sealed class WireHeadersTests
{
    private enum Tier
    {
        Gold,
    }

    [Fact]
    public void Values_are_written_as_invariant_text()
    {
        Assert.Null(WireHeaders.Format(null));
        Assert.Equal("abc", WireHeaders.Format("abc"));
        Assert.Equal("true", WireHeaders.Format(true));
        Assert.Equal("1.5", WireHeaders.Format(1.5m));
        Assert.Equal("12345", WireHeaders.Format(12345L));
        Assert.Equal("Gold", WireHeaders.Format(Tier.Gold));
        Assert.Equal("0193f4a2-7c1e-7a51-9d3f-2b8e4c1d5a60", WireHeaders.Format(Guid.Parse("0193f4a2-7c1e-7a51-9d3f-2b8e4c1d5a60")));
        Assert.Equal("2026-11-26T10:15:00.0000000+01:00", WireHeaders.Format(new DateTimeOffset(2026, 11, 26, 10, 15, 0, TimeSpan.FromHours(1))));
        Assert.Equal("01:30:00", WireHeaders.Format(TimeSpan.FromMinutes(90)));
    }

    [Fact]
    public void Ids_and_instants_read_the_same_whether_formatted_as_themselves_or_as_objects()
    {
        var id = Guid.Parse("0193f4a2-7c1e-7a51-9d3f-2b8e4c1d5a60");
        var sent = new DateTimeOffset(2026, 11, 26, 10, 15, 0, 123, TimeSpan.FromHours(1));

        Assert.Equal(WireHeaders.Format((object)id), WireHeaders.Format(id));
        Assert.Equal(WireHeaders.Format((object)sent), WireHeaders.Format(sent));
        Assert.Equal("2026-11-26T10:15:00.1230000+01:00", WireHeaders.Format(sent));
    }

    [Theory]
    [InlineData(250)]
    [InlineData(250L)]
    [InlineData(250.0)]
    [InlineData("250")]
    public void Durations_are_read_as_milliseconds(object value)
    {
        Assert.True(WireHeaders.TryGetMilliseconds(value, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(250), duration);
    }

    [Fact]
    public void A_duration_that_is_not_a_number_is_refused()
    {
        Assert.True(WireHeaders.TryGetMilliseconds(TimeSpan.FromSeconds(2), out var span));
        Assert.Equal(TimeSpan.FromSeconds(2), span);
        Assert.False(WireHeaders.TryGetMilliseconds("soon", out _));
    }
}
