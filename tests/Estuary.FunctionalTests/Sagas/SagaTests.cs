using System;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Sagas;

public sealed class SagaTests
{
    [Fact]
    public async Task Saga_started_by_an_event_reacts_to_later_events_and_is_removed_when_completed()
    {
        await using var host = AsyncTestHost.Create();
        var order = Guid.NewGuid();

        await host.Events().PublishAsync(new OrderPlaced(order, 30m));
        await host.Events().PublishAsync(new PaymentCaptured(order, 10m));
        Assert.Equal("awaiting payment: 10/30", await host.Queries().SendAsync(new GetOrderProgress(order)));

        await host.Events().PublishAsync(new PaymentCaptured(order, 20m));
        Assert.Equal("shipping: 30/30", await host.Queries().SendAsync(new GetOrderProgress(order)));
        Assert.Equal(3, (await Stored(host, order))!.Version);

        await host.Drain(AsyncChannels.Sagas);

        Assert.Contains($"shipping {order:N}", host.Log());
        Assert.Null(await Stored(host, order));
        await Assert.ThrowsAsync<AggregateNotFoundException>(async () => await host.Queries().SendAsync(new GetOrderProgress(order)));
    }

    [Fact]
    public async Task Timeout_cancels_an_order_not_paid_in_time_once_the_clock_passes_the_deadline()
    {
        await using var host = AsyncTestHost.Create();
        var order = Guid.NewGuid();
        await host.Events().PublishAsync(new OrderPlaced(order, 30m));

        host.Clock().Advance(TimeSpan.FromMinutes(OrderProcess.PaymentMinutes - 1));
        await host.Drain(AsyncChannels.Sagas);
        Assert.Equal("awaiting payment: 0/30", await host.Queries().SendAsync(new GetOrderProgress(order)));

        host.Clock().Advance(TimeSpan.FromMinutes(1));
        await host.Drain(AsyncChannels.Sagas);

        Assert.Contains($"cancelled {order:N}: not paid within 30 minutes", host.Log());
        Assert.Null(await Stored(host, order));
    }

    [Fact]
    public async Task Timeout_of_a_saga_that_completed_in_time_is_skipped_without_a_dead_letter()
    {
        await using var host = AsyncTestHost.Create();
        var order = Guid.NewGuid();
        await host.Events().PublishAsync(new OrderPlaced(order, 30m));
        await host.Events().PublishAsync(new PaymentCaptured(order, 30m));
        await host.Drain(AsyncChannels.Sagas);
        Assert.Null(await Stored(host, order));

        host.Clock().Advance(TimeSpan.FromMinutes(OrderProcess.PaymentMinutes));
        var run = await host.Drain(AsyncChannels.Sagas);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.DoesNotContain(host.Log(), entry => entry.StartsWith("cancelled", StringComparison.Ordinal));
        Assert.Equal(0, await host.DeadLetters().CountAsync());
        Assert.Null(await Stored(host, order));
    }

    [Fact]
    public async Task Events_may_arrive_in_either_order_each_starts_the_saga_if_it_does_not_exist()
    {
        await using var host = AsyncTestHost.Create();
        var order = Guid.NewGuid();

        await host.Events().PublishAsync(new PaymentCaptured(order, 30m));
        Assert.Equal("paid before placed: 30/0", await host.Queries().SendAsync(new GetOrderProgress(order)));

        await host.Events().PublishAsync(new OrderPlaced(order, 30m));

        Assert.Equal("shipping: 30/30", await host.Queries().SendAsync(new GetOrderProgress(order)));
        await host.Drain(AsyncChannels.Sagas);
        Assert.Contains($"shipping {order:N}", host.Log());
    }

    [Fact]
    public async Task Event_for_a_saga_that_never_started_is_skipped()
    {
        await using var host = AsyncTestHost.Create();
        var order = Guid.NewGuid();

        await host.Events().PublishAsync(new OrderShipped(order));

        Assert.Null(await Stored(host, order));
    }

    private static async Task<VersionedDocument<OrderProcess>?> Stored(IServiceProvider host, Guid order) =>
        await host.GetRequiredService<IDocumentStore>().FindVersionedAsync<OrderProcess>("order-process", order.ToString("D"));
}
