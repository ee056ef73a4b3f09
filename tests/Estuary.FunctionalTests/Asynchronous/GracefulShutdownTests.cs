using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Estuary.FunctionalTests.Asynchronous;

/// <summary>The host's background consumers on shutdown: in-flight messages finish, or go back when the host gives up waiting.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stopping_the_host_lets_the_message_being_handled_finish_and_receives_nothing_more()
    {
        await using var host = CreateHost();
        var consumers = Consumers(host);
        await host.Commands().SendAsync(new SlowJob("a"));
        await host.Commands().SendAsync(new SlowJob("b"));

        await consumers.StartAsync(CancellationToken.None);
        await host.GetRequiredService<Gate>().Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = consumers.StopAsync(CancellationToken.None);
        host.GetRequiredService<Gate>().Release.TrySetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["finished a"], host.Log());
        Assert.Equal(1, host.Channel(AsyncChannels.Slow).Count);
    }

    [Fact]
    public async Task When_the_shutdown_timeout_runs_out_the_handler_is_cancelled_and_its_message_goes_back()
    {
        await using var host = CreateHost();
        var consumers = Consumers(host);
        await host.Commands().SendAsync(new SlowJob("c"));

        await consumers.StartAsync(CancellationToken.None);
        await host.GetRequiredService<Gate>().Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await consumers.StopAsync(timeout.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(host.Log());
        var back = Assert.Single(host.Channel(AsyncChannels.Slow).Drain());
        Assert.Equal("slow.run", back.EndpointId);
        Assert.Equal(0, back.Attempts);
        Assert.Equal(0, await host.DeadLetters().CountAsync());
    }

    [Fact]
    public async Task A_cancelled_attempt_is_undone_so_its_message_is_handled_when_it_comes_back()
    {
        await using var host = CreateHost();
        var consumers = Consumers(host);
        var gate = host.GetRequiredService<Gate>();
        await host.Commands().SendAsync(new SlowJob("d"));

        await consumers.StartAsync(CancellationToken.None);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await consumers.StopAsync(timeout.Token).WaitAsync(TimeSpan.FromSeconds(10));
        gate.Release.TrySetResult();
        var again = await host.GetRequiredService<EstuaryConsumers>().RunAsync(AsyncChannels.Slow, new ConsumerLimits { StopWhenEmpty = true });

        // The cancelled attempt's deduplication mark was rolled back with it: the message is no duplicate.
        Assert.Equal(1, again[DeliveryOutcome.Handled]);
        Assert.Equal(["finished d"], host.Log());
    }

    private static ServiceProvider CreateHost() => TestHost.Create(
        services => services.AddSingleton<Gate>().AddSingleton<Faults>(),
        estuary => estuary.AddModule<FunctionalTestsModule>().AddTestChannels());

    private static IHostedService Consumers(IServiceProvider host) =>
        host.GetServices<IHostedService>().Single(s => s.GetType().Name == "ConsumersHostedService");
}
