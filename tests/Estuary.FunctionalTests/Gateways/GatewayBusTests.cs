using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Gateways;

public sealed class GatewayBusTests
{
    [Fact]
    public async Task Gateway_interface_is_resolved_from_the_container_as_a_singleton()
    {
        await using var host = TestHost.Create();

        var gateway = host.GetRequiredService<IReportingQueryBus>();

        Assert.Same(gateway, host.GetRequiredService<IReportingQueryBus>());
    }

    [Fact]
    public async Task Gateway_without_interceptors_sends_like_the_plain_bus()
    {
        await using var host = TestHost.Create();
        var reporting = host.GetRequiredService<IReportingQueryBus>();
        await host.Commands().SendAsync(new RecordAction("a"));

        int count = await reporting.SendAsync(new CountActions());

        Assert.Equal(1, count);
    }
}
