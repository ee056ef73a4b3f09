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
