using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Interception;

public sealed class InterceptorStopTests
{
    [Fact]
    public async Task Before_returning_false_stops_the_command_handler_and_the_afters()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new Guarding.GuardedCommand(Allowed: false));

        Assert.Equal(["stopped"], host.Log());
    }

    [Fact]
    public async Task Before_returning_true_lets_the_handler_and_the_afters_run()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new Guarding.GuardedCommand(Allowed: true));

        Assert.Equal(["allowed", "command handler", "after"], host.Log());
    }

    [Fact]
    public async Task Stopped_query_returns_default()
    {
        await using var host = TestHost.Create();

        string answer = await host.Queries().SendAsync(new Guarding.GuardedQuery(Allowed: false));
        int asyncAnswer = await host.Queries().SendAsync(new Guarding.GuardedAsyncQuery(Allowed: false));

        Assert.Null(answer);
        Assert.Equal(0, asyncAnswer);
        Assert.Equal(["stopped", "stopped"], host.Log());
    }

    [Fact]
    public async Task Allowed_asynchronous_query_returns_the_handlers_result()
    {
        await using var host = TestHost.Create();

        int answer = await host.Queries().SendAsync(new Guarding.GuardedAsyncQuery(Allowed: true));

        Assert.Equal(42, answer);
        Assert.Equal(["allowed", "async query handler", "after"], host.Log());
    }
}
