using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Envelope;

public sealed class ConcurrencyTests
{
    private const int Flows = 40;

    private static ServiceProvider CreateHost() => TestHost.Create(services => services.AddSingleton<EnvelopeLog>());

    private static void AssertFlowsAreIsolated(EnvelopeLog log, int stepsPerFlow)
    {
        var byFlow = log.Seen.GroupBy(e => e.Flow).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.Equal(Flows, byFlow.Count);
        foreach (var (flow, seen) in byFlow)
        {
            Assert.Equal(stepsPerFlow, seen.Length);
            var first = seen.Single(e => e.CausationId is null);
            Assert.All(seen, envelope =>
            {
                Assert.Equal("tenant-" + flow, envelope.Tenant);
                Assert.Equal(first.MessageId, envelope.CorrelationId);
            });
        }
    }

    [Fact]
    public async Task Concurrent_asynchronous_flows_do_not_see_each_others_context()
    {
        await using var host = CreateHost();
        var commands = host.Commands();

        await Task.WhenAll(Enumerable.Range(0, Flows).Select(i =>
            commands.SendAsync(new AsyncStep($"{i}", ["async", "async"]), new MessageHeaders { ["tenant"] = $"tenant-{i}" }).AsTask()));

        AssertFlowsAreIsolated(host.GetRequiredService<EnvelopeLog>(), stepsPerFlow: 3);
    }

    [Fact]
    public async Task Concurrent_synchronous_flows_on_many_threads_do_not_see_each_others_context()
    {
        await using var host = CreateHost();
        var commands = host.Commands();

        await Task.WhenAll(Enumerable.Range(0, Flows).Select(i => Task.Run(() =>
            commands.SendAsync(new SyncStep($"{i}", ["sync", "sync"]), new MessageHeaders { ["tenant"] = $"tenant-{i}" }).AsTask())));

        AssertFlowsAreIsolated(host.GetRequiredService<EnvelopeLog>(), stepsPerFlow: 3);
    }

    [Fact]
    public async Task Concurrent_mixed_flows_do_not_see_each_others_context()
    {
        await using var host = CreateHost();
        var commands = host.Commands();

        // Asynchronous handlers awaiting synchronous ones interleave with purely synchronous flows
        // on pool threads. (Synchronous handlers blocking on asynchronous ones are covered one flow
        // at a time in PropagationTests: many of them at once only starve the thread pool.)
        await Task.WhenAll(Enumerable.Range(0, Flows).Select(i => i % 2 == 0
            ? commands.SendAsync(new AsyncStep($"{i}", ["sync", "sync"]), new MessageHeaders { ["tenant"] = $"tenant-{i}" }).AsTask()
            : Task.Run(() => commands.SendAsync(new SyncStep($"{i}", ["sync", "sync"]), new MessageHeaders { ["tenant"] = $"tenant-{i}" }).AsTask())));

        AssertFlowsAreIsolated(host.GetRequiredService<EnvelopeLog>(), stepsPerFlow: 3);
    }
}
