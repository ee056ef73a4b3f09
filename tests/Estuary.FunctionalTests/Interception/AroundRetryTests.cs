using System;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Interception.Retrying;
using Xunit;

namespace Estuary.FunctionalTests.Interception;

public sealed class AroundRetryTests
{
    [Fact]
    public async Task Around_calling_ProceedAsync_again_reruns_the_handler_until_it_succeeds()
    {
        await using var host = TestHost.Create();

        int attempt = await host.Commands().SendAsync(new UnreliableCommand(FailuresBeforeSuccess: 2));

        Assert.Equal(3, attempt);
        Assert.Equal(["attempt 1", "retry", "attempt 2", "retry", "attempt 3"], host.Log());
    }

    [Fact]
    public async Task Around_that_gives_up_lets_the_handlers_exception_reach_the_sender()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<TimeoutException>(async () => await host.Commands().SendAsync(new UnreliableCommand(FailuresBeforeSuccess: 5)));

        Assert.Equal("attempt 3 timed out", error.Message);
        Assert.Equal(["attempt 1", "retry", "attempt 2", "retry", "attempt 3"], host.Log());
    }

    [Fact]
    public async Task Around_calling_ProceedAsync_twice_runs_the_asynchronous_handler_twice_and_returns_its_own_result()
    {
        await using var host = TestHost.Create();

        int result = await host.Queries().SendAsync(new RunTwice("r"));

        Assert.Equal(20, result);
        Assert.Equal(["run 1", "run 2"], host.Log());
    }
}
