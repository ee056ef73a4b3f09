using System;
using System.Threading.Tasks;
using Estuary.Fixtures.Billing;
using Estuary.FunctionalTests.Asynchronous;
using Estuary.FunctionalTests.Handling;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Errors;

public sealed record NeverHandled(string Id);

public sealed record NeverAnswered(string Id);

public sealed class ErrorTests
{
    [Fact]
    public async Task Command_without_handler_sent_as_object_fails_naming_the_type_and_AddEstuary()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<NoHandlerException>(async () => await host.Commands().SendObjectAsync(new NeverHandled("x")));

        Assert.Contains("'NeverHandled'", error.Message);
        Assert.Contains("[CommandHandler]", error.Message);
        Assert.Contains("AddEstuary()", error.Message);
        Assert.Contains("FunctionalTestsModule", error.Message);
    }

    [Fact]
    public async Task Command_without_handler_sent_through_the_generic_fallback_fails_naming_the_type()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<NoHandlerException>(async () => await host.Commands().SendAsync(new NeverHandled("x")));

        Assert.Contains("'NeverHandled'", error.Message);
        Assert.Contains("AddEstuary()", error.Message);
    }

    [Fact]
    public async Task Query_without_handler_fails_naming_the_type_and_the_attribute_to_add()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<NoHandlerException>(async () => await host.Queries().SendAsync<string>(new NeverAnswered("x")));

        Assert.Contains("query 'NeverAnswered'", error.Message);
        Assert.Contains("[QueryHandler]", error.Message);
    }

    [Fact]
    public async Task Typed_send_to_a_module_that_is_not_added_fails_saying_how_to_add_it()
    {
        await using var host = TestHost.Create(
            services => services.AddSingleton<BillingLedger>(),
            estuary => estuary.AddModule<BillingModule>());

        var error = await Assert.ThrowsAsync<ModuleNotAddedException>(async () => await host.Commands().SendAsync(new RegisterCustomer("ada")));

        Assert.Contains("CustomerHandlers.Register", error.Message);
        Assert.Contains("AddModule<FunctionalTestsModule>()", error.Message);
        Assert.Contains("BillingModule", error.Message);
        Assert.Empty(host.Log());
    }

    [Fact]
    public async Task Two_modules_handling_the_same_command_are_refused_when_the_bus_is_first_resolved()
    {
        await using var host = TestHost.Create(estuary: e => e.AddModule<FunctionalTestsModule>().AddModule<ShadowCustomersModule>().AddTestChannels());

        var error = Assert.Throws<DuplicateHandlerException>(() => host.GetRequiredService<ICommandBus>());

        Assert.Contains("'RegisterCustomer'", error.Message);
        Assert.Contains("CustomerHandlers.Register", error.Message);
        Assert.Contains("ShadowCustomers.Register", error.Message);
    }

    [Fact]
    public async Task Two_modules_claiming_the_same_routing_key_are_refused_when_the_bus_is_first_resolved()
    {
        await using var host = TestHost.Create(estuary: e => e.AddModule<FunctionalTestsModule>().AddModule<ShadowPaymentsModule>().AddTestChannels());

        var error = Assert.Throws<DuplicateHandlerException>(() => host.GetRequiredService<ICommandBus>());

        Assert.Contains("'payments.charge'", error.Message);
        Assert.Contains("ShadowPayments.Charge", error.Message);
    }

    [Fact]
    public void Calling_AddEstuary_twice_fails_saying_to_add_every_module_in_one_call()
    {
        var services = new ServiceCollection();
        services.AddEstuary(e => e.AddModule<FunctionalTestsModule>().AddTestChannels());

        var error = Assert.Throws<InvalidOperationException>(() => services.AddEstuary(e => e.AddModule<BillingModule>()));

        Assert.Contains("already called", error.Message);
        Assert.Contains("single AddEstuary()", error.Message);
    }

    [Fact]
    public async Task Synchronous_handler_exception_reaches_the_sender_unchanged()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.Commands().SendAsync(new Explode("sync")));

        Assert.Equal("boom: sync", error.Message);
    }

    [Fact]
    public async Task Asynchronous_handler_exception_reaches_the_sender_unchanged()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.Queries().SendAsync(new ExplodeLater("async")));

        Assert.Equal("boom later: async", error.Message);
    }
}

public sealed record Explode(string Reason);

public sealed record ExplodeLater(string Reason);

public static class ExplodingHandlers
{
    [CommandHandler]
    public static void Handle(Explode command) => throw new InvalidOperationException($"boom: {command.Reason}");

    [QueryHandler]
    public static async Task<int> HandleLater(ExplodeLater query)
    {
        await Task.Yield();
        throw new InvalidOperationException($"boom later: {query.Reason}");
    }
}
