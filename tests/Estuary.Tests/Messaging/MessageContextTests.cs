using System;
using System.Threading.Tasks;
using Estuary.Runtime;
using Estuary.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Tests.Messaging;

public sealed class MessageContextTests
{
    private static readonly DateTimeOffset s_now = new(2032, 2, 3, 4, 5, 6, TimeSpan.Zero);

    private static async Task<T> Observe<T>(Func<MessageContext, T> read, MessageHeaders? headers = null, string? routingKey = null, string? contentType = null)
    {
        var endpoint = new SyncEndpoint<string, T>(Describe.Query("Observe.Handle", isSynchronous: true, routingKey: routingKey ?? "observe"), (_, context) => read(context));
        using var host = Host.Create(
            e => e.AddModule(new FirstModule([endpoint])),
            services => services.AddSingleton<TimeProvider>(new FixedClock(s_now)));
        if (routingKey is null)
        {
            return await Dispatch.Request(host.Bus(), endpoint, "m", headers, default);
        }

        var bus = (IQueryBus)host.Bus();
        var result = contentType is null
            ? await bus.SendWithRoutingAsync(routingKey, "m", headers)
            : await bus.SendWithRoutingAsync(routingKey, "m", contentType, headers);
        return (T)result!;
    }

    [Fact]
    public async Task Headers_snapshot_holds_user_headers_and_the_envelope()
    {
        var headers = await Observe(static context => context.Headers, new MessageHeaders { ["tenant"] = "acme" });

        Assert.Equal("acme", headers["tenant"]);
        Assert.Equal(headers[MessageHeaderNames.MessageId], headers[MessageHeaderNames.CorrelationId]);
        Assert.Equal(s_now, headers[MessageHeaderNames.Timestamp]);
        Assert.False(headers.ContainsKey(MessageHeaderNames.CausationId));
        Assert.False(headers.ContainsKey(MessageHeaderNames.RoutingKey));
    }

    [Fact]
    public async Task Headers_snapshot_is_a_new_set_on_each_read()
    {
        var (first, second) = await Observe(static context => (context.Headers, context.Headers));

        Assert.NotSame(first, second);
    }

    [Fact]
    public async Task Routing_key_and_content_type_of_a_routed_send_are_readable_headers()
    {
        var (routingKey, contentType, found) = await Observe(
            static context => (context.RoutingKey, context.ContentType, context.TryGetHeader(MessageHeaderNames.RoutingKey, out _)),
            routingKey: "observe.me",
            contentType: "text/plain");

        Assert.Equal("observe.me", routingKey);
        Assert.Equal("text/plain", contentType);
        Assert.True(found);
    }

    [Fact]
    public async Task Absent_headers_are_reported_absent()
    {
        var (causation, tenant, content) = await Observe(static context => (
            context.TryGetHeader(MessageHeaderNames.CausationId, out _),
            context.TryGetHeader("tenant", out _),
            context.TryGetHeader(MessageHeaderNames.ContentType, out _)));

        Assert.False(causation);
        Assert.False(tenant);
        Assert.False(content);
    }

    [Fact]
    public async Task Merged_headers_ignore_reserved_names_and_leave_the_senders_set_untouched()
    {
        var sent = new MessageHeaders { ["tenant"] = "acme" };

        var (tenant, user, correlationKept) = await Observe(
            static context =>
            {
                var correlation = context.CorrelationId;
                context.MergeHeaders(new MessageHeaders { ["tenant"] = "globex", ["user"] = "bob", [MessageHeaderNames.CorrelationId] = Guid.Empty });
                context.TryGetHeader("tenant", out var tenant);
                context.TryGetHeader("user", out var user);
                return (tenant, user, context.CorrelationId == correlation);
            },
            sent);

        Assert.Equal("globex", tenant);
        Assert.Equal("bob", user);
        Assert.True(correlationKept);
        Assert.Equal(["tenant"], sent.Keys);
        Assert.Equal("acme", sent["tenant"]);
    }

    [Fact]
    public async Task Timestamp_comes_from_the_hosts_clock()
    {
        Assert.Equal(s_now, await Observe(static context => context.Timestamp));
    }
}
