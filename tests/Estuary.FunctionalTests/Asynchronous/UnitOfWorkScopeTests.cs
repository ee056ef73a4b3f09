using System.Threading.Tasks;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Asynchronous;

/// <summary>A unit of work opened around bus calls ends with its scope: later sends are not held in it.</summary>
public sealed class UnitOfWorkScopeTests
{
    [Fact]
    public async Task After_a_committed_scope_the_flow_has_no_unit_of_work_and_sends_go_out_at_once()
    {
        await using var host = AsyncTestHost.Create();
        var channel = host.Channel(AsyncChannels.Reminders);

        await using (var scope = UnitOfWork.Begin(host.GetRequiredService<EstuaryRuntime>(), session: null))
        {
            await host.Commands().SendAsync(new SendReminder("held"));
            Assert.Equal(0, channel.Count);
            await scope.CommitAsync();
            Assert.Null(MessageContext.Current);
            Assert.Equal(1, channel.Count);
        }

        await host.Commands().SendAsync(new SendReminder("after"));

        Assert.Null(MessageContext.Current);
        Assert.Equal(2, channel.Count);
    }

    [Fact]
    public async Task Without_an_outbox_a_send_that_fails_after_the_commit_does_not_stop_the_others_and_is_reported_lost()
    {
        await using var host = TestHost.Create(
            services => services.AddSingleton<Gate>(),
            estuary => estuary.AddModule<FunctionalTestsModule>()
                .AddInMemoryChannel(AsyncChannels.Orders).AddInMemoryChannel(AsyncChannels.Payments).AddInMemoryChannel(AsyncChannels.Reminders)
                .AddInMemoryChannel(AsyncChannels.Sagas).AddInMemoryChannel(AsyncChannels.Projections).AddInMemoryChannel(AsyncChannels.Imports)
                .AddChannel(AsyncChannels.Slow, static _ => new DownChannel(AsyncChannels.Slow)));

        var scope = UnitOfWork.Begin(host.GetRequiredService<EstuaryRuntime>(), session: null);
        await host.Commands().SendAsync(new SlowJob("lost"));
        await host.Commands().SendAsync(new SendReminder("kept"));
        var error = await Assert.ThrowsAsync<MessagesNotSentException>(async () => await scope.CommitAsync());

        var lost = Assert.Single(error.Unsent);
        Assert.Equal(AsyncChannels.Slow, lost.Channel);
        Assert.Contains("the broker is down", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(1, host.Channel(AsyncChannels.Reminders).Count);
    }

    private sealed class DownChannel(string name) : Channels.IMessageChannel
    {
        public string Name => name;

        public ValueTask SendAsync(Channels.ChannelMessage message, System.Threading.CancellationToken cancellationToken) =>
            throw new System.InvalidOperationException("the broker is down");
    }

    [Fact]
    public async Task After_a_scope_disposed_without_commit_the_flow_has_no_unit_of_work()
    {
        await using var host = AsyncTestHost.Create();
        var channel = host.Channel(AsyncChannels.Reminders);

        await using (UnitOfWork.Begin(host.GetRequiredService<EstuaryRuntime>(), session: null))
        {
            await host.Commands().SendAsync(new SendReminder("dropped"));
        }

        await host.Commands().SendAsync(new SendReminder("after"));

        Assert.Null(MessageContext.Current);
        var sent = Assert.Single(channel.Drain());
        Assert.Contains("after", System.Text.Encoding.UTF8.GetString(sent.Payload.Span), System.StringComparison.Ordinal);
    }
}
