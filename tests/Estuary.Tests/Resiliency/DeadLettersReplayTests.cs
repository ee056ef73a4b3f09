using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Tests.Resiliency;

/// <summary>Replaying to a channel that cannot share the dead letter's transaction: the message is never in neither place.</summary>
public sealed class DeadLettersReplayTests
{
    [Fact]
    public async Task A_replayed_message_that_fails_again_before_the_replay_ends_keeps_its_new_entry()
    {
        var store = new InMemoryDeadLetterStore();
        await using var host = Host.Create(
            estuary => estuary.AddChannel("orders", _ => new FailingAgainChannel("orders", store)),
            services => services.AddSingleton<IDeadLetterStore>(store));
        var message = new ChannelMessage { MessageId = Guid.NewGuid(), EndpointId = "orders.place" };
        await store.AddAsync(DeadLetter.For("orders", message, "first failure", null, DateTimeOffset.UnixEpoch), default);

        Assert.True(await host.GetRequiredService<DeadLetters>().ReplayAsync(message.MessageId, message.EndpointId));

        var entry = Assert.Single(await store.ListAsync(0, 10, default));
        Assert.Equal("failed again", entry.Reason);
    }

    /// <summary>A consumer so fast that the replayed message has failed again by the time the send returns.</summary>
    private sealed class FailingAgainChannel(string name, IDeadLetterStore store) : IMessageChannel
    {
        public string Name => name;

        public ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken) =>
            store.AddAsync(DeadLetter.For(name, message, "failed again", null, DateTimeOffset.UnixEpoch), cancellationToken);
    }
}
