using System;
using Xunit;

namespace Estuary.Tests.Resiliency;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Delays_grow_by_the_multiplier_and_stop_at_the_cap_without_jitter()
    {
        var policy = new RetryPolicy { InitialDelay = TimeSpan.FromSeconds(1), Multiplier = 3, MaxDelay = TimeSpan.FromSeconds(20), Jitter = 0 };
        var random = new Random(1);

        Assert.Equal(TimeSpan.FromSeconds(1), policy.DelayFor(1, random));
        Assert.Equal(TimeSpan.FromSeconds(3), policy.DelayFor(2, random));
        Assert.Equal(TimeSpan.FromSeconds(9), policy.DelayFor(3, random));
        Assert.Equal(TimeSpan.FromSeconds(20), policy.DelayFor(4, random));
        Assert.Equal(TimeSpan.FromSeconds(20), policy.DelayFor(30, random));
    }

    [Fact]
    public void Jitter_spreads_delays_within_its_fraction_both_ways()
    {
        var policy = new RetryPolicy { InitialDelay = TimeSpan.FromSeconds(10), Jitter = 0.2 };
        var random = new Random(7);
        var shortest = TimeSpan.MaxValue;
        var longest = TimeSpan.Zero;
        for (var i = 0; i < 2000; i++)
        {
            var delay = policy.DelayFor(1, random);
            shortest = delay < shortest ? delay : shortest;
            longest = delay > longest ? delay : longest;
        }

        Assert.InRange(shortest, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8.5));
        Assert.InRange(longest, TimeSpan.FromSeconds(11.5), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public void Retry_numbers_start_at_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy().DelayFor(0, new Random(1)));
    }
}
