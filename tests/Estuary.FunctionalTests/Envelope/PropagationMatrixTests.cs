using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Envelope;

/// <summary>
/// Every message of a flow carries the flow's correlation id, its parent as causation id and the
/// propagated headers, whatever path it took: nested and concurrent sends forked with Task.WhenAll,
/// another thread, a custom bus with a gateway interceptor, a business method, an event's synchronous
/// and asynchronous subscribers, and a send after the asynchronous hop. Interceptors see the handler's
/// envelope. Concurrent flows never see each other's.
/// </summary>
public sealed class PropagationMatrixTests
{
    private static readonly string[] s_branchPaths = ["bus", "gateway", "business", "thread"];

    private static ServiceProvider CreateHost() => TestHost.Create(services => services.AddSingleton<PropagationLog>());

    [Fact]
    public async Task Every_path_of_a_forked_flow_carries_its_correlation_causation_and_headers()
    {
        await using var host = CreateHost();

        await host.Commands().SendAsync(new ForkFlow("f1"), new MessageHeaders { ["tenant"] = "acme" });
        await host.Drain(AsyncChannels.Orders);

        AssertFlow(host.GetRequiredService<PropagationLog>().Seen, "f1", "acme");
    }

    [Fact]
    public async Task Concurrent_forked_flows_keep_their_own_envelopes()
    {
        await using var host = CreateHost();
        const int Flows = 12;

        await Task.WhenAll(Enumerable.Range(0, Flows).Select(i =>
            host.Commands().SendAsync(new ForkFlow($"f{i}"), new MessageHeaders { ["tenant"] = $"tenant-{i}" }).AsTask()));
        await host.Drain(AsyncChannels.Orders);

        var seen = host.GetRequiredService<PropagationLog>().Seen;
        for (var i = 0; i < Flows; i++)
        {
            AssertFlow(seen, $"f{i}", $"tenant-{i}");
        }
    }

    private static void AssertFlow(Sighting[] all, string flow, string tenant)
    {
        var seen = all.Where(s => s.Flow == flow).ToDictionary(s => s.Step);
        var root = seen["root"];
        Assert.Null(root.CausationId);
        Assert.Equal(root.MessageId, root.CorrelationId);

        // Everything the root handler sent, on every path, is its child.
        string[] children = [.. s_branchPaths.Select(p => "branch:" + p), "event:sync", "event:async"];
        foreach (var step in children)
        {
            Assert.True(seen.ContainsKey(step), $"{flow}: no '{step}' was seen; seen: {string.Join(", ", seen.Keys)}");
            var child = seen[step];
            Assert.True(root.MessageId == child.CorrelationId, $"{flow} {step}: correlation {child.CorrelationId}, expected the root's {root.MessageId}");
            Assert.True(root.MessageId == child.CausationId, $"{flow} {step}: causation {child.CausationId}, expected the root {root.MessageId}");
            Assert.True(child.Tenant == tenant, $"{flow} {step}: tenant '{child.Tenant}', expected '{tenant}'");
        }

        // One event, two subscribers: the same message, before and after the hop.
        Assert.Equal(seen["event:sync"].MessageId, seen["event:async"].MessageId);

        // The send after the hop is the event's child, still in the flow.
        var afterHop = seen["branch:after-hop"];
        Assert.Equal(root.MessageId, afterHop.CorrelationId);
        Assert.Equal(seen["event:async"].MessageId, afterHop.CausationId);
        Assert.Equal(tenant, afterHop.Tenant);

        // Each message has its own id (the event's two deliveries are one message); interceptors see
        // exactly the handler's envelope.
        var messages = seen.Values.Where(s => !s.Step.StartsWith("interceptor:", StringComparison.Ordinal) && s.Step != "event:async").ToList();
        Assert.Equal(messages.Count, messages.Select(s => s.MessageId).Distinct().Count());
        foreach (var path in s_branchPaths.Append("after-hop"))
        {
            Assert.Equal(seen["branch:" + path] with { Step = "same" }, seen["interceptor:" + path] with { Step = "same" });
        }

        // The gateway's header travels with what went through the gateway only.
        Assert.Equal("gateway", seen["branch:gateway"].Via);
        Assert.All(seen.Values.Where(s => s.Step != "branch:gateway" && s.Step != "interceptor:gateway"), s => Assert.Null(s.Via));
    }
}
