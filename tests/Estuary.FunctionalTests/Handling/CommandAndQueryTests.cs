using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Handling;

public sealed class CommandAndQueryTests
{
    [Fact]
    public async Task Command_reaches_its_handler()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new RegisterCustomer("ada"));

        Assert.Equal(["registered ada"], host.Log());
    }

    [Fact]
    public async Task Query_returns_the_handlers_result_typed_without_a_marker_interface()
    {
        await using var host = TestHost.Create();

        // Compiles only because the generated overload returns ValueTask<Greeting>.
        Greeting greeting = await host.Queries().SendAsync(new GetGreeting("ada"));

        Assert.Equal("Hello, ada", greeting.Text);
    }

    [Fact]
    public async Task Command_handler_returning_a_value_gives_it_to_the_sender()
    {
        await using var host = TestHost.Create();

        int number = await host.Commands().SendAsync(new AllocateCustomerNumber("abc"));

        Assert.Equal(1003, number);
        Assert.Equal(["allocated for abc"], host.Log());
    }

    [Fact]
    public async Task Asynchronous_command_handler_returning_a_value_gives_it_to_the_sender()
    {
        await using var host = TestHost.Create();

        string first = await host.Commands().SendAsync(new IssueVoucher("SPRING"));
        string second = await host.Commands().SendAsync(new IssueVoucher("SPRING"));

        Assert.Equal("SPRING-1", first);
        Assert.Equal("SPRING-2", second);
    }

    [Fact]
    public async Task Static_command_and_query_handlers_run_with_their_service_parameters()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new ArchiveCustomer("ada"));
        await host.Commands().SendAsync(new ArchiveCustomer("grace"));
        int archived = await host.Queries().SendAsync(new CountArchivedCustomers());

        Assert.Equal(2, archived);
        Assert.Equal(["archived ada", "archived grace"], host.Log());
    }

    [Fact]
    public async Task Command_sent_as_object_reaches_the_same_handler_as_the_typed_send()
    {
        await using var host = TestHost.Create();

        var result = await host.Commands().SendObjectAsync(new AllocateCustomerNumber("ab"));

        Assert.Equal(1002, result);
        Assert.Equal(["allocated for ab"], host.Log());
    }

    [Fact]
    public async Task Query_sent_as_object_returns_the_boxed_result()
    {
        await using var host = TestHost.Create();

        var result = await host.Queries().SendObjectAsync(new GetGreeting("grace"));

        Assert.Equal(new Greeting("Hello, grace"), result);
    }
}
