using System;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Lifetimes;

public sealed class LifetimeTests
{
    private static ServiceProvider CreateHost(Action<IServiceCollection>? services = null, ServiceLifetime? handlerLifetime = null) => TestHost.Create(
        collection =>
        {
            collection.AddScoped<ScopedDependency>();
            services?.Invoke(collection);
        },
        estuary =>
        {
            if (handlerLifetime is { } lifetime)
            {
                estuary.Options.HandlerLifetime = lifetime;
            }

            estuary.AddModule<FunctionalTestsModule>().AddTestChannels();
        });

    [Fact]
    public async Task Singleton_handler_instance_serves_every_dispatch()
    {
        await using var host = CreateHost();

        var first = await host.Queries().SendAsync(new WhoHandles());
        var second = await host.Queries().SendAsync(new WhoHandles());

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Handler_lifetime_option_makes_generated_registrations_scoped()
    {
        await using var host = CreateHost(handlerLifetime: ServiceLifetime.Scoped);

        var first = await host.Queries().SendAsync(new WhoHandles());
        var second = await host.Queries().SendAsync(new WhoHandles());

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Handler_registered_scoped_by_the_user_gets_a_fresh_scope_per_dispatch()
    {
        await using var host = CreateHost(services => services.AddScoped<ScopedHandler>());

        var first = await host.Queries().SendAsync(new WhoHandlesScoped());
        var second = await host.Queries().SendAsync(new WhoHandlesScoped());

        Assert.NotEqual(first.Handler, second.Handler);
        Assert.NotEqual(first.ConstructorDependency, second.ConstructorDependency);
    }

    [Fact]
    public async Task Scoped_handler_and_its_scoped_parameter_share_the_dispatch_scope()
    {
        await using var host = CreateHost(services => services.AddScoped<ScopedHandler>());

        var served = await host.Queries().SendAsync(new WhoHandlesScoped());
        var servedAsync = await host.Queries().SendAsync(new WhoHandlesScopedAsync());

        Assert.Equal(served.ConstructorDependency, served.ParameterDependency);
        Assert.Equal(servedAsync.ConstructorDependency, servedAsync.ParameterDependency);
    }

    [Fact]
    public async Task Dispatch_scope_is_disposed_when_a_synchronous_handler_returns()
    {
        await using var host = CreateHost(services => services.AddScoped<ScopedHandler>());

        var served = await host.Queries().SendAsync(new WhoHandlesScoped());

        Assert.Contains($"handler disposed {served.Handler}", host.Log());
        Assert.Contains($"dependency disposed {served.ConstructorDependency}", host.Log());
    }

    [Fact]
    public async Task Dispatch_scope_is_disposed_when_an_asynchronous_handler_completes()
    {
        await using var host = CreateHost(services => services.AddScoped<ScopedHandler>());

        var served = await host.Queries().SendAsync(new WhoHandlesScopedAsync());

        Assert.Contains($"handler disposed {served.Handler}", host.Log());
        Assert.Contains($"dependency disposed {served.ConstructorDependency}", host.Log());
    }

    [Fact]
    public async Task Scoped_parameter_of_a_singleton_handler_is_fresh_per_dispatch_and_disposed_after_it()
    {
        await using var host = CreateHost();

        var first = await host.Queries().SendAsync(new UseScopedParameter());
        var second = await host.Queries().SendAsync(new UseScopedParameter());

        Assert.NotEqual(first, second);
        Assert.Equal([$"dependency disposed {first}", $"dependency disposed {second}"], host.Log());
    }

    [Fact]
    public async Task Message_sent_by_a_scoped_handler_is_handled_in_the_same_scope()
    {
        await using var host = CreateHost(services => services.AddScoped<ScopedHandler>());

        var served = await host.Queries().SendAsync(new ChainScoped());

        Assert.Equal(served[0].ParameterDependency, served[1].ParameterDependency);
    }
}
