using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Fixtures.Delivery;

// Handlers that fail: retries, deduplication marks, the final failure strategies, stored events.
public abstract partial class DeliveryContract
{
    [Fact]
    public async Task A_failed_attempt_leaves_no_deduplication_mark_so_its_instant_retry_runs()
    {
        var host = CreateHost();
        await SendRawAsync(host, "delivery.fail-once", """{"Label":"f"}""", typeof(FailOnce).FullName);

        var run = await DrainAsync(host);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(["attempt f", "attempt f"], Log(host));
    }

    [Fact]
    public async Task A_cancelled_attempt_is_undone_so_its_message_is_handled_when_it_comes_back()
    {
        var host = CreateHost();
        var gate = host.GetRequiredService<DeliveryGate>();
        await SendRawAsync(host, "delivery.hold", """{"Label":"d"}""", typeof(HoldOn).FullName);

        using var stop = new CancellationTokenSource();
        var running = host.GetRequiredService<EstuaryConsumers>().RunAsync(DeliveryChannels.Work, new ConsumerLimits(), stop.Token, stop.Token);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        var stopped = await running.WaitAsync(TimeSpan.FromSeconds(30));
        gate.Release.TrySetResult();
        var again = await DrainAsync(host);

        Assert.Equal(1, stopped[DeliveryOutcome.Released]);
        Assert.Equal(1, again[DeliveryOutcome.Handled]);
        Assert.Equal(["held d"], Log(host));
    }

    [Fact]
    public async Task A_stopped_consumer_takes_the_failed_message_first_when_it_runs_again()
    {
        var host = CreateHost(work => work.FinalFailure = FinalFailure.StopConsumer);
        host.GetRequiredService<DeliverySwitch>().On = true;
        await SendRawAsync(host, "delivery.toggle", """{"Label":"1"}""", typeof(Toggle).FullName);
        await SendRawAsync(host, "delivery.toggle", """{"Label":"2"}""", typeof(Toggle).FullName);

        var stopped = await DrainAsync(host);
        host.GetRequiredService<DeliverySwitch>().On = false;
        await DrainAsync(host);

        Assert.True(stopped.StoppedOnFailure);
        Assert.Equal(["toggled 1", "toggled 2"], Log(host));
    }

    [Fact]
    public async Task A_failure_whose_reason_holds_a_NUL_character_still_reaches_the_error_channel()
    {
        var host = CreateHost(work => work.ErrorChannel = DeliveryChannels.Errors);
        await SendRawAsync(host, "delivery.always-fail", """{"Label":"e","Reason":"bad\u0000byte"}""", typeof(AlwaysFail).FullName);

        var run = await DrainAsync(host);

        Assert.Equal(1, run[DeliveryOutcome.SentToErrorChannel]);
        Assert.Equal(0, await PendingAsync(host));
        Assert.Equal(1, await PendingAsync(host, DeliveryChannels.Errors));
    }

    [Fact]
    public async Task A_failure_whose_reason_holds_a_NUL_character_is_dead_lettered()
    {
        var host = CreateHost();
        await SendRawAsync(host, "delivery.always-fail", """{"Label":"n","Reason":"bad\u0000byte"}""", typeof(AlwaysFail).FullName);

        var run = await DrainAsync(host);

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.StartsWith("bad", Assert.Single(await DeadLettersOf(host).ListAsync()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_meeting_a_stored_event_this_build_cannot_read_is_retried_not_dead_lettered()
    {
        var host = CreateHost();
        await host.GetRequiredService<ICommandBus>().SendAsync(new InstallGauge("g-1"));
        await host.GetRequiredService<IEventStore>().AppendAsync(
            "gauges-g-1",
            ExpectedVersion.Exactly(1),
            [new EventData(Guid.NewGuid(), "gauge.recalibrated", """{"GaugeId":"g-1"}"""u8.ToArray(), EventMetadata.Empty)]);
        await SendRawAsync(host, "delivery.gauge-read", """{"GaugeId":"g-1","Reading":4}""", typeof(ReadGauge).FullName);

        var run = await DrainAsync(host);

        Assert.Equal(1, run[DeliveryOutcome.Retrying]);
        Assert.Equal(0, await DeadLettersOf(host).CountAsync());
        Assert.Equal(1, await PendingAsync(host));
    }
}
