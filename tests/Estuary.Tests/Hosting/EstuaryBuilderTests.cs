using System;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Tests.Hosting;

public sealed class EstuaryBuilderTests
{
    [Fact]
    public void Adding_a_module_type_again_keeps_the_first_instance()
    {
        var first = new FirstModule();
        var builder = new EstuaryBuilder(new ServiceCollection());

        builder.AddModule(first).AddModule<FirstModule>().AddModule(new FirstModule());

        Assert.Same(first, Assert.Single(builder.Modules));
    }

    [Fact]
    public void Modules_of_different_types_are_kept_in_the_order_they_were_added()
    {
        var builder = new EstuaryBuilder(new ServiceCollection());

        builder.AddModule<SecondModule>().AddModule<FirstModule>();

        Assert.Collection(builder.Modules, m => Assert.IsType<SecondModule>(m), m => Assert.IsType<FirstModule>(m));
    }

    [Fact]
    public void Adding_a_null_module_is_rejected()
    {
        var builder = new EstuaryBuilder(new ServiceCollection());

        Assert.Throws<ArgumentNullException>(() => builder.AddModule(null!));
    }

    [Fact]
    public void AddEstuary_configures_each_added_module_once_with_the_builders_options()
    {
        var module = new FirstModule();
        EstuaryOptions? options = null;

        new ServiceCollection().AddEstuary(e =>
        {
            options = e.Options;
            e.Options.HandlerLifetime = ServiceLifetime.Scoped;
            e.AddModule(module).AddModule<FirstModule>();
        });

        Assert.Equal(1, module.ConfigureServicesCalls);
        Assert.Same(options, module.ConfiguredWith);
        Assert.Equal(ServiceLifetime.Scoped, module.ConfiguredWith!.HandlerLifetime);
    }

    [Fact]
    public void Handlers_are_singletons_unless_configured_otherwise()
    {
        Assert.Equal(ServiceLifetime.Singleton, new EstuaryOptions().HandlerLifetime);
    }

    [Fact]
    public void AddEstuary_registers_one_bus_for_commands_queries_and_events()
    {
        using var provider = Host.Create(e => e.AddModule<FirstModule>());

        var commands = provider.GetRequiredService<ICommandBus>();

        Assert.Same(commands, provider.GetRequiredService<IQueryBus>());
        Assert.Same(commands, provider.GetRequiredService<IEventBus>());
    }

    [Fact]
    public void Calling_AddEstuary_twice_is_rejected()
    {
        var services = new ServiceCollection();
        services.AddEstuary(e => e.AddModule<FirstModule>());

        var error = Assert.Throws<InvalidOperationException>(() => services.AddEstuary(e => e.AddModule<SecondModule>()));

        Assert.Contains("already called", error.Message);
    }
}
