using System.Threading.Tasks;
using Estuary.FunctionalTests.Interception.Ordering;
using Xunit;

namespace Estuary.FunctionalTests.Interception;

public sealed class InterceptorOrderTests
{
    [Fact]
    public async Task Befores_then_arounds_then_handler_then_afters_run_by_precedence()
    {
        await using var host = TestHost.Create();

        await host.Queries().SendAsync(new OrderedQuery(1));

        Assert.Equal(
        [
            "before p1 OrderedQuery",
            "before p2",
            "before p3 alpha",
            "before p3 zulu",
            "around p1 enter OrderedHandlers.Double",
            "around p2 enter",
            "handler",
            "around p2 exit",
            "around p1 exit",
            "after p1",
            "after p2",
        ],
            host.Log());
    }

    [Fact]
    public async Task Interceptors_with_equal_precedence_run_in_name_order()
    {
        await using var host = TestHost.Create();

        await host.Queries().SendAsync(new OrderedQuery(1));

        var log = host.Log();
        Assert.True(System.Array.IndexOf(log, "before p3 alpha") < System.Array.IndexOf(log, "before p3 zulu"));
    }

    [Fact]
    public async Task Around_chain_wraps_a_synchronous_handler_that_returns_nothing()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new OrderedCommand("1"));

        Assert.Equal(
        [
            "before p1 OrderedCommand",
            "before p2",
            "before p3 alpha",
            "before p3 zulu",
            "around p1 enter OrderedHandlers.Handle",
            "around p2 enter",
            "handler",
            "around p2 exit",
            "around p1 exit",
            "after p1",
            "after p2",
        ],
            host.Log());
    }

    [Fact]
    public async Task Around_chain_passes_the_handlers_result_back_to_the_sender()
    {
        await using var host = TestHost.Create();

        int result = await host.Queries().SendAsync(new OrderedQuery(21));

        Assert.Equal(42, result);
        Assert.Contains("handler", host.Log());
    }
}
