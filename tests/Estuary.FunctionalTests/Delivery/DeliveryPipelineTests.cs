using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.FunctionalTests.Asynchronous;
using Estuary.FunctionalTests.Lifetimes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Delivery;

/// <summary>What the consumer does with one message, whatever is wrong with it, on the in-memory channel.</summary>
public sealed class DeliveryPipelineTests
{
    [Fact]
    public async Task A_message_whose_constructor_throws_is_dead_lettered_and_the_consumer_goes_on()
    {
        await using var host = AsyncTestHost.Create();
        var channel = host.Channel(AsyncChannels.Payments);
        await SendRaw(channel, "transfers.book", """{"Account":"nl-1","Amount":-5}""", typeof(ValidatedTransfer).FullName);
        await SendRaw(channel, "transfers.book", """{"Account":"nl-2","Amount":7}""", typeof(ValidatedTransfer).FullName);

        var run = await host.Drain(AsyncChannels.Payments);

        Assert.Equal((2, 1, 1), (run.Received, run[DeliveryOutcome.DeadLettered], run[DeliveryOutcome.Handled]));
        Assert.Equal(["booked nl-2 7"], host.Log());
        var dead = Assert.Single(await host.DeadLetters().ListAsync());
        Assert.Contains("A transfer moves a positive amount", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(1, dead.Message.Attempts);
    }

    [Fact]
    public async Task Handlers_see_the_reserved_headers_of_their_message_and_none_of_them_propagate()
    {
        await using var host = AsyncTestHost.Create();
        await SendRaw(
            host.Channel(AsyncChannels.Reminders),
            "headers.inspect",
            """{"Label":"a"}""",
            typeof(InspectHeaders).FullName,
            new()
            {
                [MessageHeaderNames.Replayed] = "true",
                [MessageHeaderNames.MessageName] = typeof(InspectHeaders).FullName!,
                [MessageHeaderNames.TraceParent] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                [MessageHeaderNames.AggregateId] = "order-7",
                ["tenant"] = "eu-1",
            });

        await host.Drain(AsyncChannels.Reminders);

        Assert.Equal(
            [$"a: replayed=true name={typeof(InspectHeaders).FullName} traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 aggregate=order-7 in-headers=True/True"],
            host.Log());
        var sent = Assert.Single(host.Channel(AsyncChannels.Slow).Drain());
        Assert.Equal("eu-1", sent.Headers["tenant"]);
        Assert.False(sent.Headers.ContainsKey(MessageHeaderNames.Replayed));
        Assert.False(sent.Headers.ContainsKey(MessageHeaderNames.AggregateId));
    }

    [Fact]
    public async Task A_replayed_message_tells_its_handler_it_was_replayed()
    {
        await using var host = AsyncTestHost.Create();
        await SendRaw(host.Channel(AsyncChannels.Reminders), "headers.inspect", """{"Label":"b"}""", typeof(InspectHeaders).FullName);
        var failed = new ChannelMessage { MessageId = Guid.NewGuid(), EndpointId = "headers.inspect", MessageName = typeof(InspectHeaders).FullName, Payload = Encoding.UTF8.GetBytes("""{"Label":"c"}""") };
        await host.GetRequiredService<IDeadLetterStore>().AddAsync(DeadLetter.For(AsyncChannels.Reminders, failed, "failed before", null, DateTimeOffset.UnixEpoch), CancellationToken.None);

        Assert.Equal(1, await host.DeadLetters().ReplayAllAsync());
        await host.Drain(AsyncChannels.Reminders);

        Assert.Contains(host.Log(), l => l.StartsWith("b: replayed=-", StringComparison.Ordinal));
        Assert.Contains(host.Log(), l => l.StartsWith("c: replayed=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_attempt_gets_a_scope_of_its_own_and_every_scope_is_disposed()
    {
        await using var host = TestHost.Create(
            services => services.AddScoped<ScopedDependency>().AddSingleton<ScopeLedger>().AddSingleton<Faults>(),
            estuary => estuary.AddModule<FunctionalTestsModule>().AddTestChannels());
        await host.Commands().SendAsync(new TouchScope("t"));

        var run = await host.Drain(AsyncChannels.Payments);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        var seen = host.GetRequiredService<ScopeLedger>().Seen.ToArray();
        Assert.Equal(2, seen.Length);
        Assert.NotEqual(seen[0].Id, seen[1].Id);
        Assert.Equal(seen.Select(s => $"dependency disposed {s.Id}").Order(), host.Log().Order());
    }

    [Fact]
    public async Task A_stopped_consumer_takes_the_failed_message_first_when_it_runs_again()
    {
        await using var host = AsyncTestHost.Create(orders => orders.FinalFailure = FinalFailure.StopConsumer);
        host.Faults().WarehouseBroken = true;
        await host.Commands().SendAsync(new ReserveStock("o-1", 1));
        await host.Commands().SendAsync(new ReserveStock("o-2", 1));

        var stopped = await host.Drain(AsyncChannels.Orders);
        host.Faults().WarehouseBroken = false;
        await host.Drain(AsyncChannels.Orders);

        Assert.True(stopped.StoppedOnFailure);
        var reserved = host.Log().Where(l => l.StartsWith("reserved", StringComparison.Ordinal)).Select(l => l[..12]).ToArray();
        Assert.Equal(["reserved o-1", "reserved o-2"], reserved);
    }

    internal static ValueTask SendRaw(InMemoryChannel channel, string endpointId, string json, string? name, Dictionary<string, string>? headers = null) =>
        channel.SendAsync(
            new ChannelMessage
            {
                MessageId = Guid.NewGuid(),
                EndpointId = endpointId,
                MessageName = name,
                Payload = Encoding.UTF8.GetBytes(json),
                Headers = headers ?? [],
            },
            CancellationToken.None);
}
