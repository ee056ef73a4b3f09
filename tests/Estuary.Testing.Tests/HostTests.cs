using System;
using System.Threading.Tasks;
using Estuary.Testing.Tests.Shop;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Testing.Tests;

public sealed class HostTests
{
    [Fact]
    public async Task Two_hosts_share_no_record_channel_clock_dead_letter_or_service()
    {
        await using var first = ShopHost.Create();
        await using var second = ShopHost.Create();
        first.Get<PaymentGateway>().Down = true;

        await first.Commands.SendAsync(new PlaceOrder("o-1", 1));
        await first.Commands.SendAsync(new ChargeCard("o-1", 5m));
        await first.RunAsync(ShopChannels.Payments);
        await first.AdvanceTimeAndRunAsync(ShopChannels.Payments, TimeSpan.FromMinutes(1));
        await first.AdvanceTimeAndRunAsync(ShopChannels.Payments, TimeSpan.FromMinutes(1));

        Assert.Equal(1, await first.DeadLetters.CountAsync());
        Assert.Empty(second.Recorded.Messages);
        Assert.Empty(second.Recorded.SentTo(ShopChannels.Warehouse));
        Assert.Equal(0, (await second.RunAsync(ShopChannels.Warehouse)).Received);
        Assert.Equal(0, await second.DeadLetters.CountAsync());
        Assert.Equal("unknown", await second.Queries.SendAsync(new GetOrderStatus("o-1")));
        Assert.Equal(TimeSpan.FromMinutes(2), first.Time.GetUtcNow() - second.Time.GetUtcNow());
        Assert.NotSame(first.Get<OrderBook>(), second.Get<OrderBook>());
    }

    [Fact]
    public async Task Disposing_the_host_disposes_its_services()
    {
        var flow = ShopHost.Create();
        var mailer = flow.Get<FakeMailer>();

        await flow.DisposeAsync();

        Assert.True(mailer.Disposed);
        Assert.Throws<ObjectDisposedException>(() => flow.Get<OrderBook>());
    }

    [Fact]
    public async Task Module_added_in_configure_gets_recorded_channels_for_its_asynchronous_endpoints()
    {
        await using var flow = EstuaryTestHost.Create(
            estuary => estuary.AddModule<TestingTestsModule>(),
            services => services.AddSingleton<OrderBook>().AddSingleton<PaymentGateway>());

        await flow.Commands.SendAsync(new ChargeCard("o-1", 12m));

        var sent = Assert.Single(flow.Recorded.SentTo(ShopChannels.Payments));
        Assert.Equal("payments.charge", sent.EndpointId);
    }

    [Fact]
    public void AddRecordedChannel_outside_a_test_host_explains_what_to_use_instead()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddEstuary(estuary => estuary.AddRecordedChannel("orders")));

        Assert.Contains("AddInMemoryChannel(\"orders\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Channel_declared_twice_by_the_test_is_still_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ShopHost.Create(estuary => estuary
            .AddRecordedChannel(ShopChannels.Payments)
            .AddInMemoryChannel(ShopChannels.Payments)));

        Assert.Contains("declared twice", error.Message, StringComparison.Ordinal);
    }
}
