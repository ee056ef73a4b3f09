using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Handling;

public sealed class ReturnKindTests
{
    [Fact]
    public async Task Void_handler_has_run_when_the_send_completes()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new VoidCommand("a"));

        Assert.Equal(["void a"], host.Log());
    }

    [Fact]
    public async Task Task_handler_has_finished_when_the_send_completes()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new TaskCommand("b"));

        Assert.Equal(["task b"], host.Log());
    }

    [Fact]
    public async Task ValueTask_handler_has_finished_when_the_send_completes()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new ValueTaskCommand("c"));

        Assert.Equal(["valuetask c"], host.Log());
    }

    [Fact]
    public async Task Handler_returning_a_value_gives_it_to_the_sender()
    {
        await using var host = TestHost.Create();

        int result = await host.Queries().SendAsync(new ValueQuery(21));

        Assert.Equal(42, result);
    }

    [Fact]
    public async Task Handler_returning_Task_of_T_gives_its_awaited_value_to_the_sender()
    {
        await using var host = TestHost.Create();

        int result = await host.Queries().SendAsync(new TaskOfTQuery(7));

        Assert.Equal(21, result);
    }

    [Fact]
    public async Task Handler_returning_ValueTask_of_T_gives_its_awaited_value_to_the_sender()
    {
        await using var host = TestHost.Create();

        int result = await host.Queries().SendAsync(new ValueTaskOfTQuery(5));

        Assert.Equal(20, result);
    }

    [Fact]
    public async Task Handler_returning_a_completed_ValueTask_of_T_gives_its_value_to_the_sender()
    {
        await using var host = TestHost.Create();

        int result = await host.Queries().SendAsync(new CompletedValueTaskOfTQuery(3));

        Assert.Equal(15, result);
    }
}
