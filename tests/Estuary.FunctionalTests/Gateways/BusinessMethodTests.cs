using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Gateways;

public sealed class BusinessMethodTests
{
    [Fact]
    public async Task Business_method_sends_its_payload_and_header_parameters_to_the_routed_command()
    {
        await using var host = TestHost.Create();
        var desk = host.GetRequiredService<IHelpDesk>();

        var ticket = await desk.OpenAsync(new OpenTicket("printer on fire"), reporter: "ada");

        Assert.Equal(new Ticket("T1", "printer on fire", "ada"), ticket);
        Assert.Equal(["opened T1 by ada (cancellable=False)"], host.Log());
    }

    [Fact]
    public async Task Business_method_passes_its_cancellation_token_to_the_handler()
    {
        await using var host = TestHost.Create();
        var desk = host.GetRequiredService<IHelpDesk>();
        using var cancellation = new System.Threading.CancellationTokenSource();

        await desk.OpenAsync(new OpenTicket("t"), "ada", cancellation.Token);

        Assert.Equal(["opened T1 by ada (cancellable=True)"], host.Log());
    }

    [Fact]
    public async Task Business_method_routes_to_a_query_with_a_header_and_returns_its_result()
    {
        await using var host = TestHost.Create();
        var desk = host.GetRequiredService<IHelpDesk>();
        var ticket = await desk.OpenAsync(new OpenTicket("no coffee"), "grace");

        var title = await desk.FindTitleAsync(new FindTicket(ticket.Id), tenant: "acme");

        Assert.Equal("no coffee", title);
        Assert.Contains($"find {ticket.Id} for acme", host.Log());
    }

    [Fact]
    public async Task Business_method_returning_Task_completes_after_the_asynchronous_handler()
    {
        await using var host = TestHost.Create();
        var desk = host.GetRequiredService<IHelpDesk>();
        var ticket = await desk.OpenAsync(new OpenTicket("t"), "ada");

        await desk.CloseAsync(new CloseTicket(ticket.Id));

        Assert.Equal($"closed {ticket.Id}", host.Log()[^1]);
    }

    [Fact]
    public async Task Synchronous_business_method_without_payload_returns_the_query_result()
    {
        await using var host = TestHost.Create();
        var desk = host.GetRequiredService<IHelpDesk>();
        await desk.OpenAsync(new OpenTicket("a"), "ada");
        await desk.OpenAsync(new OpenTicket("b"), "ada");

        Assert.Equal(2, desk.CountOpen());
    }

    [Fact]
    public async Task Business_method_sends_all_headers_given_as_a_MessageHeaders_parameter()
    {
        await using var host = TestHost.Create();
        var desk = host.GetRequiredService<IHelpDesk>();
        var ticket = await desk.OpenAsync(new OpenTicket("slow wifi"), "ada");

        var title = await desk.FindTitleWithHeadersAsync(new FindTicket(ticket.Id), new MessageHeaders { ["tenant"] = "globex" });

        Assert.Equal("slow wifi", title);
        Assert.Contains($"find {ticket.Id} for globex", host.Log());
    }

    [Fact]
    public async Task Business_methods_send_a_record_struct_or_a_Guid_as_the_payload()
    {
        await using var host = TestHost.Create();
        var desk = host.GetRequiredService<IHelpDesk>();
        await desk.OpenAsync(new OpenTicket("printer on fire"), "ada");

        Assert.Equal("printer on fire", await desk.TitleByNumberAsync(new TicketNumber(1)));
        Assert.Null(await desk.TitleByNumberAsync(new TicketNumber(2)));
        Assert.Equal("agent 0a1b2c3d", await desk.AgentAsync(System.Guid.Parse("0a1b2c3d-0000-0000-0000-000000000000")));
    }
}
