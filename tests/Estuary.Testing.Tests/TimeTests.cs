using System;
using System.Threading.Tasks;
using Estuary.Runtime;
using Estuary.Testing.Tests.Shop;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Testing.Tests;

public sealed class TimeTests
{
    [Fact]
    public async Task Delayed_message_is_handled_only_once_the_clock_passed_its_delay()
    {
        await using var flow = ShopHost.Create();
        await flow.Commands.SendAsync(new SendReminder("ada"));

        Assert.Equal(0, (await flow.RunAsync(ShopChannels.Reminders)).Received);
        Assert.Equal(0, (await flow.AdvanceTimeAndRunAsync(ShopChannels.Reminders, TimeSpan.FromSeconds(59))).Received);
        Assert.Empty(flow.Get<FakeMailer>().Sent);

        var run = await flow.AdvanceTimeAndRunAsync(ShopChannels.Reminders, TimeSpan.FromSeconds(1));

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(["reminder for ada"], flow.Get<FakeMailer>().Sent);
    }

    [Fact]
    public async Task Fake_clock_is_the_host_clock_even_when_the_test_registered_another()
    {
        var start = DateTimeOffset.UtcNow;
        await using var flow = ShopHost.Create(services: services => services.AddSingleton(TimeProvider.System));

        Assert.Same(flow.Time, Assert.Single(flow.Services.GetServices<TimeProvider>()));
        Assert.Same(flow.Time, flow.Get<EstuaryRuntime>().TimeProvider);
        Assert.True(flow.Time.GetUtcNow() < start, "the fake clock starts in the past and stands still");
    }

    [Fact]
    public async Task AdvanceTimeAndRunAsync_refuses_to_move_the_clock_back()
    {
        await using var flow = ShopHost.Create();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => flow.AdvanceTimeAndRunAsync(ShopChannels.Reminders, TimeSpan.FromSeconds(-1)));
    }
}
