using System;
using System.Threading.Tasks;
using Estuary.Runtime;
using Estuary.Tests.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Tests.Hosting;

public sealed class EstuaryRuntimeTests
{
    [Fact]
    public void Two_modules_handling_the_same_command_type_are_refused_naming_both_handlers()
    {
        var first = new SyncEndpoint<Invoice, Nothing>(Describe.Command("Billing.Pay", isSynchronous: true), static (_, _) => Nothing.Value);
        var second = new SyncEndpoint<Invoice, Nothing>(Describe.Command("Ledger.Pay", isSynchronous: true, module: "SecondModule"), static (_, _) => Nothing.Value);
        using var host = Host.Create(e => e.AddModule(new FirstModule([first])).AddModule(new SecondModule([second])));

        var error = Assert.Throws<DuplicateHandlerException>(() => host.Bus());

        Assert.Contains("command 'Invoice'", error.Message);
        Assert.Contains("Billing.Pay", error.Message);
        Assert.Contains("Ledger.Pay", error.Message);
    }

    [Fact]
    public void Two_handlers_of_one_routing_key_are_refused_naming_the_key()
    {
        var first = new SyncEndpoint<Invoice, int>(Describe.Query("A.Handle", isSynchronous: true, routingKey: "invoices.total"), static (_, _) => 1);
        var second = new SyncEndpoint<Receipt, int>(Describe.Query("B.Handle", isSynchronous: true, routingKey: "invoices.total"), static (_, _) => 2);
        using var host = Host.With(first, second);

        var error = Assert.Throws<DuplicateHandlerException>(() => host.Runtime());

        Assert.Contains("'invoices.total'", error.Message);
        Assert.Contains("A.Handle", error.Message);
        Assert.Contains("B.Handle", error.Message);
    }

    [Fact]
    public async Task One_routing_key_may_name_a_command_and_a_query()
    {
        var command = new SyncEndpoint<Invoice, string>(Describe.Command("Invoices.Pay", isSynchronous: true, routingKey: "invoices"), static (_, _) => "command");
        var query = new SyncEndpoint<Receipt, string>(Describe.Query("Invoices.Find", isSynchronous: true, routingKey: "invoices"), static (_, _) => "query");
        using var host = Host.With(command, query);

        var fromCommands = await host.Bus().SendWithRoutingAsync("invoices", new Invoice("i", 1m));
        var fromQueries = await host.GetRequiredService<IQueryBus>().SendWithRoutingAsync("invoices", new Receipt("r"));

        Assert.Equal("command", fromCommands);
        Assert.Equal("query", fromQueries);
    }

    [Fact]
    public async Task Routed_business_send_reaches_a_command_or_else_a_query()
    {
        var command = new SyncEndpoint<Invoice, string>(Describe.Command("Invoices.Pay", isSynchronous: true, routingKey: "pay"), static (_, _) => "paid");
        var query = new SyncEndpoint<Receipt, string>(Describe.Query("Invoices.Find", isSynchronous: true, routingKey: "find"), static (_, _) => "found");
        using var host = Host.With(command, query);
        var runtime = host.Runtime();

        Assert.Equal("paid", await runtime.SendRoutedAsync("pay", new Invoice("i", 1m), null, default));
        Assert.Equal("found", await runtime.SendRoutedAsync("find", new Receipt("r"), null, default));
        var error = Assert.Throws<NoHandlerException>(() => runtime.SendRoutedAsync("refund", null, null, default));
        Assert.Contains("'refund'", error.Message);
        Assert.Contains("[CommandHandler(\"refund\")]", error.Message);
    }

    [Fact]
    public async Task Command_without_handler_fails_listing_the_composed_modules()
    {
        using var host = Host.Create(e => e.AddModule<FirstModule>().AddModule<SecondModule>());

        var error = await Assert.ThrowsAsync<NoHandlerException>(async () => await host.Bus().SendObjectAsync(new Receipt("r")));

        Assert.Contains("command 'Receipt'", error.Message);
        Assert.Contains("composed: FirstModule, SecondModule", error.Message);
    }

    [Fact]
    public void Composed_modules_are_listed_in_the_order_they_were_added()
    {
        using var host = Host.Create(e => e.AddModule<SecondModule>().AddModule<FirstModule>());

        Assert.Equal(["SecondModule", "FirstModule"], host.Runtime().Modules);
    }

    [Fact]
    public void Registered_TimeProvider_is_the_runtimes_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = Host.Create(e => e.AddModule<FirstModule>(), services => services.AddSingleton<TimeProvider>(clock));
        using var plain = Host.Create(e => e.AddModule<FirstModule>());

        Assert.Same(clock, host.Runtime().TimeProvider);
        Assert.Same(TimeProvider.System, plain.Runtime().TimeProvider);
    }

    [Fact]
    public void Message_types_of_every_module_form_one_registry()
    {
        var invoice = new MessageType<Invoice>("billing.invoice", [], null);
        var receipt = new MessageType<Receipt>("billing.receipt", [], null);
        using var host = Host.Create(e => e.AddModule(new FirstModule([], [invoice])).AddModule(new SecondModule([], [receipt])));

        Assert.Equal("billing.invoice", host.Runtime().Messages.NameOf(typeof(Invoice)));
        Assert.Equal("billing.receipt", host.Runtime().Messages.NameOf(typeof(Receipt)));
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
