using System;
using System.Threading.Tasks;
using Estuary.Fixtures.Billing;
using Estuary.Fixtures.Shipping;
using Estuary.FunctionalTests.Asynchronous;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Modules;

public sealed class MultiModuleTests
{
    private static ServiceProvider CreateHost(Action<EstuaryBuilder> estuary) => TestHost.Create(
        services =>
        {
            services.AddSingleton<BillingLedger>();
            services.AddSingleton<ShippingLog>();
        },
        estuary);

    [Fact]
    public async Task Event_published_by_one_module_reaches_a_subscriber_in_another()
    {
        await using var host = CreateHost(e => e.AddModule<BillingModule>().AddModule<ShippingModule>());

        await host.Commands().SendAsync(new PayInvoice("inv-1", 99m));

        var shipment = Assert.Single(host.GetRequiredService<ShippingLog>().Shipments);
        Assert.Equal("inv-1", shipment.InvoiceId);
        Assert.Equal("invoice paid", shipment.Reason);
    }

    [Fact]
    public async Task Subscriber_in_another_module_sees_the_publishing_flows_correlation_and_cause()
    {
        await using var host = CreateHost(e => e.AddModule<BillingModule>().AddModule<ShippingModule>());
        var correlation = Guid.NewGuid();
        var payment = Guid.NewGuid();

        await host.Commands().SendAsync(
            new PayInvoice("inv-2", 1m),
            new MessageHeaders { [MessageHeaderNames.CorrelationId] = correlation, [MessageHeaderNames.MessageId] = payment });

        // Shipping handles InvoicePaid, whose cause is the PayInvoice command.
        var shipment = Assert.Single(host.GetRequiredService<ShippingLog>().Shipments);
        Assert.Equal(correlation, shipment.CorrelationId);
        Assert.Equal(payment, shipment.CausationId);
    }

    [Fact]
    public async Task Subscriber_of_a_module_that_is_not_added_does_not_run()
    {
        await using var host = CreateHost(e => e.AddModule<BillingModule>());

        await host.Commands().SendAsync(new PayInvoice("inv-3", 5m));

        Assert.Single(host.GetRequiredService<BillingLedger>().Payments);
        Assert.Empty(host.GetRequiredService<ShippingLog>().Shipments);
    }

    [Fact]
    public async Task Typed_send_to_a_handler_of_a_module_that_is_not_added_fails_naming_the_module()
    {
        await using var host = CreateHost(e => e.AddModule<BillingModule>());

        var error = await Assert.ThrowsAsync<ModuleNotAddedException>(async () => await host.Commands().SendAsync(new ScheduleShipment("inv-4")));

        Assert.Contains("'ShippingModule'", error.Message);
        Assert.Contains("AddModule<ShippingModule>()", error.Message);
        Assert.Contains("Composed modules: BillingModule", error.Message);
    }

    [Fact]
    public async Task Modules_from_several_assemblies_compose_with_the_applications_own()
    {
        await using var host = CreateHost(e => e.AddModule<FunctionalTestsModule>().AddModule<BillingModule>().AddModule<ShippingModule>().AddTestChannels());

        await host.Commands().SendAsync(new ScheduleShipment("inv-5"));
        await host.Commands().SendAsync(new PayInvoice("inv-6", 10m));
        await host.Commands().SendAsync(new Handling.RegisterCustomer("ada"));
        decimal total = await host.Queries().SendAsync(new GetPaidTotal());

        Assert.Equal(["inv-5", "inv-6"], Array.ConvertAll(host.GetRequiredService<ShippingLog>().Shipments, s => s.InvoiceId));
        Assert.Equal(10m, total);
        Assert.Equal(["registered ada"], host.Log());
        Assert.Equal(["FunctionalTestsModule", "BillingModule", "ShippingModule"], host.GetRequiredService<EstuaryRuntime>().Modules);
    }

    [Fact]
    public void Module_named_by_the_assembly_attribute_uses_that_name()
    {
        Assert.Equal("BillingModule", new BillingModule().Name);
        Assert.Equal("ShippingModule", new ShippingModule().Name);
    }

    [Fact]
    public void Adding_a_module_twice_composes_it_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<BillingLedger>();
        services.AddEstuary(e => e.AddModule<BillingModule>().AddModule<BillingModule>().AddModule(new BillingModule()));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["BillingModule"], provider.GetRequiredService<EstuaryRuntime>().Modules);
    }
}
