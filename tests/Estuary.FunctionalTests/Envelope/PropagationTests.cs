using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Envelope;

public sealed class PropagationTests
{
    public static TheoryData<string[]> Chains => new()
    {
        new[] { "sync", "sync", "sync" },
        new[] { "async", "async", "async" },
        new[] { "async", "sync", "sync" },
        new[] { "sync", "async", "sync" },
        new[] { "async", "sync", "async" },
    };

    private static ServiceProvider CreateHost() => TestHost.Create(services => services.AddSingleton<EnvelopeLog>());

    private static ValueTask Start(IServiceProvider host, string flow, string[] chain, MessageHeaders headers) =>
        chain[0] == "sync"
            ? host.Commands().SendAsync(new SyncStep(flow, chain[1..]), headers)
            : host.Commands().SendAsync(new AsyncStep(flow, chain[1..]), headers);

    [Theory]
    [MemberData(nameof(Chains))]
    public async Task Nested_sends_keep_the_correlation_and_record_their_parent_as_causation(string[] chain)
    {
        await using var host = CreateHost();

        // No SynchronizationContext: synchronous handlers block on asynchronous children.
        await Task.Run(async () => await Start(host, "f", chain, new MessageHeaders { ["tenant"] = "acme" }));

        var seen = host.GetRequiredService<EnvelopeLog>().Seen;
        Assert.Equal(chain, seen.Select(e => e.Step));
        Assert.Null(seen[0].CausationId);
        for (var level = 1; level < seen.Length; level++)
        {
            Assert.Equal(seen[0].MessageId, seen[level].CorrelationId);
            Assert.Equal(seen[level - 1].MessageId, seen[level].CausationId);
        }

        Assert.Equal(3, seen.Select(e => e.MessageId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public async Task User_headers_propagate_to_every_nested_send(string[] chain)
    {
        await using var host = CreateHost();

        await Task.Run(async () => await Start(host, "f", chain, new MessageHeaders { ["tenant"] = "acme" }));

        Assert.All(host.GetRequiredService<EnvelopeLog>().Seen, envelope => Assert.Equal("acme", envelope.Tenant));
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public async Task Reserved_headers_of_the_first_message_do_not_propagate(string[] chain)
    {
        await using var host = CreateHost();
        var firstId = Guid.NewGuid();
        var headers = new MessageHeaders
        {
            ["tenant"] = "acme",
            [MessageHeaderNames.MessageId] = firstId,
            [MessageHeaderNames.ContentType] = "text/plain",
            [MessageHeaderNames.RoutingKey] = "spoofed.key",
        };

        await Task.Run(async () => await Start(host, "f", chain, headers));

        var seen = host.GetRequiredService<EnvelopeLog>().Seen;
        Assert.Equal(firstId, seen[0].MessageId);
        Assert.Equal("text/plain", seen[0].ContentType);
        Assert.All(seen.Skip(1), envelope =>
        {
            Assert.NotEqual(firstId, envelope.MessageId);
            Assert.Equal(firstId, envelope.CorrelationId);
            Assert.Null(envelope.ContentType);
            Assert.Null(envelope.RoutingKey);
        });
    }

    [Fact]
    public async Task Explicit_correlation_of_the_first_message_is_kept_by_nested_sends()
    {
        await using var host = CreateHost();
        var correlation = Guid.NewGuid();

        await host.Commands().SendAsync(
            new AsyncStep("f", ["sync", "async"]),
            new MessageHeaders { [MessageHeaderNames.CorrelationId] = correlation });

        Assert.All(host.GetRequiredService<EnvelopeLog>().Seen, envelope => Assert.Equal(correlation, envelope.CorrelationId));
    }

    [Fact]
    public async Task Headers_given_to_a_nested_send_override_inherited_ones()
    {
        await using var host = CreateHost();

        await host.Commands().SendAsync(
            new AsyncStep("f", ["sync"], NextHeaders: new MessageHeaders { ["tenant"] = "globex" }),
            new MessageHeaders { ["tenant"] = "acme" });

        var seen = host.GetRequiredService<EnvelopeLog>().Seen;
        Assert.Equal(["acme", "globex"], seen.Select(e => e.Tenant));
        Assert.Equal(seen[0].MessageId, seen[1].CausationId);
    }

    [Fact]
    public async Task Messages_sent_after_a_flow_completes_start_a_new_flow()
    {
        await using var host = CreateHost();

        await host.Commands().SendAsync(new AsyncStep("first", ["sync"]), new MessageHeaders { ["tenant"] = "acme" });
        await host.Commands().SendAsync(new SyncStep("second", []));

        var second = host.GetRequiredService<EnvelopeLog>().Seen.Single(e => e.Flow == "second");
        Assert.Null(second.CausationId);
        Assert.Equal(second.MessageId, second.CorrelationId);
        Assert.Null(second.Tenant);
    }
}
