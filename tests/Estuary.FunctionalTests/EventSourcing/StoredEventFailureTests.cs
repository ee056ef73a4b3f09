using System;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.EventSourcing;

/// <summary>
/// A stored event this build cannot read (written by a newer deploy, say) fails the command that loads
/// it like any handler failure: the command is retried, since the right code may be running a minute later.
/// </summary>
public sealed class StoredEventFailureTests
{
    [Theory]
    [InlineData("gauge.recalibrated", 1)]
    [InlineData("gauge.read", 2)]
    public async Task A_command_meeting_an_unreadable_stored_event_is_retried_not_dead_lettered(string storedName, int storedRevision)
    {
        await using var host = AsyncTestHost.Create();
        await host.Commands().SendAsync(new InstallGauge("g-1"));
        await host.GetRequiredService<IEventStore>().AppendAsync(
            "gauges-g-1",
            ExpectedVersion.Exactly(1),
            [new EventData(Guid.NewGuid(), storedName, """{"GaugeId":"g-1","Reading":3}"""u8.ToArray(), EventMetadata.Empty, storedRevision)]);
        await host.Commands().SendAsync(new ReadGauge("g-1", 4));

        var run = await host.Drain(AsyncChannels.Payments);

        Assert.Equal(1, run[DeliveryOutcome.Retrying]);
        Assert.Equal(0, await host.DeadLetters().CountAsync());
        var retry = Assert.Single(host.Channel(AsyncChannels.Payments).Drain());
        Assert.Equal(1, retry.Attempts);
    }
}
