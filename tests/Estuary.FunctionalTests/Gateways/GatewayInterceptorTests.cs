using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Gateways;

public sealed class GatewayInterceptorTests
{
    [Fact]
    public async Task Typed_send_through_the_gateway_runs_its_interceptors_around_the_handler()
    {
        await using var host = TestHost.Create();
        var gateway = host.GetRequiredService<IAuditedCommandBus>();

        await gateway.SendAsync(new RecordAction("login"), new MessageHeaders { ["user"] = "alice" });

        Assert.Equal(["audit RecordAction by alice", "handled login auditor=gateway", "audited RecordAction"], host.Log());
    }

    [Fact]
    public async Task Object_send_through_the_gateway_runs_its_interceptors()
    {
        await using var host = TestHost.Create();
        var gateway = host.GetRequiredService<IAuditedCommandBus>();

        await gateway.SendObjectAsync(new RecordAction("logout"));

        Assert.Equal(["audit RecordAction by nobody", "handled logout auditor=gateway", "audited RecordAction"], host.Log());
    }

    [Fact]
    public async Task Send_through_the_plain_command_bus_does_not_run_gateway_interceptors()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new RecordAction("login"), new MessageHeaders { ["user"] = "alice" });

        Assert.Equal(["handled login auditor=none"], host.Log());
    }

    [Fact]
    public async Task Gateway_before_returning_false_stops_the_send()
    {
        await using var host = TestHost.Create();
        var gateway = host.GetRequiredService<IAuditedCommandBus>();

        await gateway.SendAsync(new RecordAction("drop tables"), new MessageHeaders { ["user"] = "mallory" });

        Assert.Equal(["audit RecordAction by mallory"], host.Log());
        Assert.Equal(0, await host.Queries().SendAsync(new CountActions()));
    }

    [Fact]
    public async Task Gateway_interceptor_header_parameter_converts_text_like_handler_parameters_do()
    {
        await using var host = TestHost.Create();
        var gateway = host.GetRequiredService<IMeteredCommandBus>();

        await gateway.SendAsync(new RecordAction("export"), new MessageHeaders { ["cost"] = "42" });

        Assert.Equal(["metered cost=42", "handled export auditor=none"], host.Log());
    }

    [Fact]
    public async Task Gateway_interceptor_with_a_missing_required_header_fails_naming_the_header()
    {
        await using var host = TestHost.Create();
        var gateway = host.GetRequiredService<IMeteredCommandBus>();

        var error = await Assert.ThrowsAsync<MissingHeaderException>(async () => await gateway.SendAsync(new RecordAction("export")));

        Assert.Contains("MeteringInterceptor.Meter needs header 'cost'", error.Message);
        Assert.Empty(host.Log());
    }
}
