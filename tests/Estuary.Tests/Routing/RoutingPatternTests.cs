using Estuary.Runtime;
using Xunit;

namespace Estuary.Tests.Routing;

public sealed class RoutingPatternTests
{
    [Theory]
    [InlineData("order.placed", "order.placed")]
    [InlineData("order.*", "order.placed")]
    [InlineData("order.*", "order.")]
    [InlineData("order.*", "order.line.added")]
    [InlineData("*.placed", "order.placed")]
    [InlineData("*.placed", ".placed")]
    [InlineData("order.*.v2", "order.placed.v2")]
    [InlineData("order.*.v2", "order.a.b.v2")]
    [InlineData("a*b*c", "abc")]
    [InlineData("a*b*c", "aXXbYYc")]
    [InlineData("*", "anything.at.all")]
    [InlineData("*", "")]
    [InlineData("**", "x")]
    public void Pattern_matches_name(string pattern, string name) => Assert.True(RoutingPattern.Matches(pattern, name));

    [Theory]
    [InlineData("order.placed", "order.placed.v2")]
    [InlineData("order.placed", "order.place")]
    [InlineData("order.*", "orders.placed")]
    [InlineData("order.*", "order")]
    [InlineData("*.placed", "order.placed.v2")]
    [InlineData("order.*.v2", "order.placed.v3")]
    [InlineData("a*b*c", "acb")]
    [InlineData("a*b*c", "abcd")]
    [InlineData("", "x")]
    public void Pattern_does_not_match_name(string pattern, string name) => Assert.False(RoutingPattern.Matches(pattern, name));

    [Fact]
    public void Matching_is_case_sensitive()
    {
        Assert.False(RoutingPattern.Matches("Order.*", "order.placed"));
        Assert.False(RoutingPattern.Matches("order.placed", "order.PLACED"));
    }

    [Fact]
    public void Star_backtracks_to_find_a_later_match()
    {
        // The first ".v" after the star is not the one that completes the match.
        Assert.True(RoutingPattern.Matches("*.v2", "order.v1.v2"));
        Assert.True(RoutingPattern.Matches("a*aab", "aaaab"));
    }
}
