using System;
using System.Threading.Tasks;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Tests.Hosting;

public sealed class Clock;

public sealed class UnitOfWork : IDisposable
{
    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

public sealed class Stopwatchy;

public sealed class NotRegistered;

public sealed class ServiceResolutionTests
{
    private static async Task<T> Resolve<T>(ServiceProvider host, SyncEndpoint<int, T> endpoint) => await Dispatch.Request(host.Bus(), endpoint, 0, null, default);

    [Fact]
    public async Task Singleton_is_resolved_once_per_host_and_reused()
    {
        var created = 0;
        var endpoint = new SyncEndpoint<int, Clock>(Describe.Query("Clock.Get", isSynchronous: true), static (_, context) => context.GetService<Clock>());
        using var host = Host.Create(e => e.AddModule(new FirstModule([endpoint])), services => services.AddSingleton(_ =>
        {
            created++;
            return new Clock();
        }));

        var first = await Resolve(host, endpoint);
        var second = await Resolve(host, endpoint);

        Assert.Same(first, second);
        Assert.Equal(1, created);
    }

    [Fact]
    public async Task Each_host_resolves_its_own_singletons()
    {
        var endpoint = new SyncEndpoint<int, Clock>(Describe.Query("Clock.Get", isSynchronous: true), static (_, context) => context.GetService<Clock>());
        var clockA = new Clock();
        var clockB = new Clock();
        using var hostA = Host.Create(e => e.AddModule(new FirstModule([endpoint])), services => services.AddSingleton(clockA));
        using var hostB = Host.Create(e => e.AddModule(new FirstModule([endpoint])), services => services.AddSingleton(clockB));

        Assert.Same(clockA, await Resolve(hostA, endpoint));
        Assert.Same(clockB, await Resolve(hostB, endpoint));
        Assert.Same(clockA, await Resolve(hostA, endpoint));
    }

    [Fact]
    public async Task Scoped_service_is_one_instance_per_dispatch_and_is_disposed_after_it()
    {
        var endpoint = new SyncEndpoint<int, (UnitOfWork, UnitOfWork)>(Describe.Query("Work.Get", isSynchronous: true), static (_, context) =>
            (context.GetService<UnitOfWork>(), context.GetService<UnitOfWork>()));
        using var host = Host.Create(e => e.AddModule(new FirstModule([endpoint])), services => services.AddScoped<UnitOfWork>());

        var (first, again) = await Resolve(host, endpoint);
        var (next, _) = await Resolve(host, endpoint);

        Assert.Same(first, again);
        Assert.NotSame(first, next);
        Assert.True(first.Disposed);
        Assert.True(next.Disposed);
    }

    [Fact]
    public async Task Transient_service_is_a_new_instance_on_each_request()
    {
        var endpoint = new SyncEndpoint<int, (Stopwatchy, Stopwatchy)>(Describe.Query("Watch.Get", isSynchronous: true), static (_, context) =>
            (context.GetService<Stopwatchy>(), context.GetService<Stopwatchy>()));
        using var host = Host.Create(e => e.AddModule(new FirstModule([endpoint])), services => services.AddTransient<Stopwatchy>());

        var (first, second) = await Resolve(host, endpoint);

        Assert.NotSame(first, second);
    }

    [Fact]
    public async Task Unregistered_service_fails_naming_it_and_saying_to_register_it()
    {
        var endpoint = new SyncEndpoint<int, NotRegistered>(Describe.Query("Missing.Get", isSynchronous: true), static (_, context) => context.GetService<NotRegistered>());
        using var host = Host.With(endpoint);

        var error = await Assert.ThrowsAsync<ServiceNotRegisteredException>(async () => await Resolve(host, endpoint));

        Assert.Contains(typeof(NotRegistered).FullName!, error.Message);
        Assert.Contains("Register it", error.Message);
    }

    [Fact]
    public async Task Services_the_container_provides_itself_are_resolved()
    {
        var endpoint = new SyncEndpoint<int, IServiceScopeFactory>(Describe.Query("Scopes.Get", isSynchronous: true), static (_, context) => context.GetService<IServiceScopeFactory>());
        using var host = Host.With(endpoint);

        Assert.NotNull(await Resolve(host, endpoint));
    }

    [Fact]
    public async Task Service_provider_is_the_root_until_a_scope_is_needed_then_the_scope()
    {
        var endpoint = new SyncEndpoint<int, (IServiceProvider, IServiceProvider, IServiceProvider)>(Describe.Query("Providers.Get", isSynchronous: true), static (_, context) =>
        {
            var before = context.GetService<IServiceProvider>();
            var work = context.GetService<UnitOfWork>();
            return (before, context.Services, context.Services.GetRequiredService<UnitOfWork>() == work ? context.Services : null!);
        });
        using var host = Host.Create(e => e.AddModule(new FirstModule([endpoint])), services => services.AddScoped<UnitOfWork>());

        var (before, after, scopeHoldingTheWork) = await Resolve(host, endpoint);

        Assert.Same(host.Runtime().RootServices, before);
        Assert.NotSame(before, after);
        Assert.Same(after, scopeHoldingTheWork);
    }
}
