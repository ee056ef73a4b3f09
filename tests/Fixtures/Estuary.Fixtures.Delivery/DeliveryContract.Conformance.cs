using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Fixtures.Delivery;

/// <summary>What every channel kind does the same way: headers as sent, delays, priorities, handlers at once, sends of a failed handler.</summary>
public abstract partial class DeliveryContract
{
    /// <summary>Text no encoding step may alter: accents, a non-Latin script, a character outside the basic plane, a quote.</summary>
    private const string Unicode = "Zürich → 東京 \U0001F600 \"quoted\"";

    [Fact]
    public async Task A_header_in_any_script_reaches_the_handler_as_it_was_sent()
    {
        var host = CreateHost();
        await host.GetRequiredService<ICommandBus>().SendAsync(new Annotated("bus"), new MessageHeaders { ["note"] = Unicode });
        await SendRawAsync(host, "delivery.annotated", """{"Label":"raw"}""", typeof(Annotated).FullName, new() { ["note"] = Unicode });

        var run = await DrainAsync(host);

        Assert.Equal(2, run[DeliveryOutcome.Handled]);
        Assert.Equal([$"bus: {Unicode}", $"raw: {Unicode}"], Log(host).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_delayed_message_waits_until_it_is_due_and_is_handled_then()
    {
        var host = CreateHost();
        var sent = DateTimeOffset.UtcNow;
        await host.GetRequiredService<ICommandBus>().SendAsync(new Ranked("later"), new MessageHeaders { [MessageHeaderNames.DeliveryDelay] = "1500" });

        var early = await DrainAsync(host);
        Assert.Equal(0, early[DeliveryOutcome.Handled]);
        Assert.Equal(1, await PendingAsync(host));

        await EventuallyAsync(async () =>
        {
            await ForwardDueAsync(host);
            await DrainAsync(host);
            return Log(host).Length == 1;
        }, "the delayed message is handled");
        Assert.True(DateTimeOffset.UtcNow - sent >= TimeSpan.FromMilliseconds(1500), "handled before it was due");
        Assert.Equal(["ranked later"], Log(host));
    }

    /// <summary>Whether the channel kind hands out waiting messages by priority (a log such as Kafka's keeps its order, and says so).</summary>
    protected virtual bool OrdersByPriority => true;

    [Fact]
    public async Task Waiting_messages_are_handed_out_by_priority_then_in_order()
    {
        var host = CreateHost();
        var bus = host.GetRequiredService<ICommandBus>();
        await bus.SendAsync(new Ranked("low"), new MessageHeaders { [MessageHeaderNames.Priority] = "1" });
        await bus.SendAsync(new Ranked("first high"), new MessageHeaders { [MessageHeaderNames.Priority] = "7" });
        await bus.SendAsync(new Ranked("plain"));
        await bus.SendAsync(new Ranked("second high"), new MessageHeaders { [MessageHeaderNames.Priority] = "7" });

        await DrainAsync(host);

        Assert.Equal(
            OrdersByPriority ? ["ranked first high", "ranked second high", "ranked low", "ranked plain"] : ["ranked low", "ranked first high", "ranked plain", "ranked second high"],
            Log(host));
    }

    [Fact]
    public async Task A_consumer_with_a_concurrency_of_three_handles_three_messages_at_once()
    {
        var host = CreateHost(work => work.Concurrency = 3);
        for (var i = 0; i < 9; i++)
        {
            await host.GetRequiredService<ICommandBus>().SendAsync(new Meet($"m{i}"));
        }

        var run = await DrainAsync(host);

        Assert.Equal(9, run[DeliveryOutcome.Handled]);
        Assert.Equal(3, host.GetRequiredService<DeliveryMeeting>().Most);
        Assert.Equal(9, Log(host).Distinct().Count());
    }

    [Fact]
    public async Task What_a_handler_sent_before_it_failed_is_never_sent()
    {
        var host = CreateHost();
        await host.GetRequiredService<ICommandBus>().SendAsync(new SendOn("kept", FailAfterSending: false));
        await host.GetRequiredService<ICommandBus>().SendAsync(new SendOn("dropped", FailAfterSending: true));

        var run = await DrainAsync(host);
        await ForwardDueAsync(host);
        await DrainAsync(host, DeliveryChannels.Next);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(["received kept"], Log(host));
    }

    /// <summary>Forwards what the host's outbox holds and is due (a host's relay does this in the background).</summary>
    protected static async Task ForwardDueAsync(IServiceProvider host)
    {
        if (host.GetService<IOutbox>() is { } outbox)
        {
            await outbox.ForwardDueAsync(100, default);
        }
    }
}
