using System.Threading.Tasks;
using Estuary.Benchmarks.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Estuary.Benchmarks.Dispatch;

/// <summary>
/// Builds each library's container the way its documentation recommends for speed: everything
/// singleton. Built once per benchmark process, in GlobalSetup.
/// </summary>
public static class Hosts
{
    public static ServiceProvider Estuary()
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.AddModule<BenchmarksModule>());
        return services.BuildServiceProvider();
    }

    public static ServiceProvider Mediator()
    {
        var services = new ServiceCollection();

        // Read at compile time by Mediator's source generator: singleton lifetime (its fastest
        // setting) and only this assembly's messages.
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.Assemblies = [typeof(OnMediator.Ping)];
        });
        return services.BuildServiceProvider();
    }

    public static ServiceProvider MediatR()
    {
        // MediatR 5 has no DI integration of its own (MediatR.Extensions.Microsoft.DependencyInjection
        // is not served here), so handlers are registered by hand, as singletons, and the mediator
        // resolves them through its ServiceFactory delegate.
        var services = new ServiceCollection();
        services.AddSingleton<global::MediatR.IRequestHandler<OnMediatR.Ping, global::MediatR.Unit>, OnMediatR.PingHandler>();
        services.AddSingleton<global::MediatR.IRequestHandler<OnMediatR.GetQuote, OnEstuary.Quote>, OnMediatR.GetQuoteHandler>();
        services.AddSingleton<global::MediatR.INotificationHandler<OnMediatR.PriceChanged>, OnMediatR.RepriceHandler>();
        services.AddSingleton<global::MediatR.INotificationHandler<OnMediatR.PriceChanged>, OnMediatR.NotifyHandler>();
        services.AddSingleton<global::MediatR.IMediator>(static provider => new global::MediatR.Mediator(provider.GetService!));
        return services.BuildServiceProvider();
    }

    public static async Task<IHost> Wolverine()
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(static logging => logging.ClearProviders())
            .UseWolverine(static options =>
            {
                options.UseHandlersBeside(typeof(OnWolverine.PingHandler));

                // In-process use only: no inbox, outbox or node agents running in the background.
                options.Durability.Mode = DurabilityMode.MediatorOnly;
            })
            .Build();
        await host.StartAsync();
        return host;
    }
}
