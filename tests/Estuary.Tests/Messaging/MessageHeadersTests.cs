using System.Collections.Generic;
using Xunit;

namespace Estuary.Tests.Messaging;

public sealed class MessageHeadersTests
{
    [Fact]
    public void Merge_returns_the_other_set_unchanged_when_one_side_adds_nothing()
    {
        var headers = new MessageHeaders { ["tenant"] = "acme" };

        Assert.Same(headers, MessageHeaders.Merge(headers, null));
        Assert.Same(headers, MessageHeaders.Merge(headers, new MessageHeaders()));
        Assert.Same(headers, MessageHeaders.Merge(null, headers));
        Assert.Same(headers, MessageHeaders.Merge(new MessageHeaders(), headers));
        Assert.Null(MessageHeaders.Merge(null, null));
    }

    [Fact]
    public void Merge_overlays_overrides_on_inherited_headers_in_a_new_set()
    {
        var inherited = new MessageHeaders { ["tenant"] = "acme", ["user"] = "alice" };
        var overrides = new MessageHeaders { ["tenant"] = "globex", ["trace"] = 7 };

        var merged = MessageHeaders.Merge(inherited, overrides)!;

        Assert.NotSame(inherited, merged);
        Assert.NotSame(overrides, merged);
        Assert.Equal("globex", merged["tenant"]);
        Assert.Equal("alice", merged["user"]);
        Assert.Equal(7, merged["trace"]);
        Assert.Equal(3, merged.Count);
    }

    [Fact]
    public void Merge_does_not_modify_its_inputs()
    {
        var inherited = new MessageHeaders { ["tenant"] = "acme" };
        var overrides = new MessageHeaders { ["tenant"] = "globex", ["trace"] = 7 };

        MessageHeaders.Merge(inherited, overrides);

        Assert.Equal("acme", inherited["tenant"]);
        Assert.Single(inherited);
        Assert.Equal(2, overrides.Count);
    }

    [Fact]
    public void WithoutReserved_returns_the_same_set_when_it_has_no_reserved_header()
    {
        var headers = new MessageHeaders { ["tenant"] = "acme" };

        Assert.Same(headers, headers.WithoutReserved());
    }

    [Fact]
    public void WithoutReserved_copies_the_user_headers_only()
    {
        var headers = new MessageHeaders
        {
            ["tenant"] = "acme",
            [MessageHeaderNames.MessageId] = System.Guid.NewGuid(),
            [MessageHeaderNames.ContentType] = "application/json",
        };

        var user = headers.WithoutReserved()!;

        Assert.Equal(["tenant"], user.Keys);
        Assert.Equal(3, headers.Count);
    }

    [Fact]
    public void WithoutReserved_returns_null_when_nothing_is_left()
    {
        Assert.Null(new MessageHeaders().WithoutReserved());
        Assert.Null(new MessageHeaders { [MessageHeaderNames.RoutingKey] = "k" }.WithoutReserved());
    }

    [Theory]
    [InlineData(MessageHeaderNames.MessageId)]
    [InlineData(MessageHeaderNames.CorrelationId)]
    [InlineData(MessageHeaderNames.CausationId)]
    [InlineData(MessageHeaderNames.Timestamp)]
    [InlineData(MessageHeaderNames.RoutingKey)]
    [InlineData(MessageHeaderNames.ContentType)]
    [InlineData(MessageHeaderNames.MessageName)]
    [InlineData(MessageHeaderNames.PartitionKey)]
    [InlineData("received-offset")]
    public void Estuary_maintained_headers_are_reserved(string name) => Assert.True(MessageHeaderNames.IsReserved(name));

    [Theory]
    [InlineData("tenant")]
    [InlineData("user")]
    [InlineData("receivedby")]
    [InlineData("")]
    public void Other_headers_are_not_reserved(string name) => Assert.False(MessageHeaderNames.IsReserved(name));

    [Fact]
    public void Header_names_are_compared_ordinally()
    {
        var headers = new MessageHeaders { ["User"] = "a", ["user"] = "b" };

        Assert.Equal(2, headers.Count);
        Assert.Equal("a", headers["User"]);
        Assert.False(headers.ContainsKey("USER"));
    }

    [Fact]
    public void Reading_a_missing_header_names_it()
    {
        var headers = new MessageHeaders();

        var error = Assert.Throws<KeyNotFoundException>(() => headers["tenant"]);

        Assert.Contains("'tenant'", error.Message);
    }

    [Fact]
    public void Copy_constructor_takes_a_snapshot()
    {
        var original = new MessageHeaders { ["tenant"] = "acme" };

        var copy = new MessageHeaders(original);
        original["tenant"] = "globex";

        Assert.Equal("acme", copy["tenant"]);
    }
}
