using System;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Tests;

/// <summary>A service provider composing hand-written modules through AddEstuary.</summary>
internal static class Host
{
    public static ServiceProvider Create(Action<EstuaryBuilder> estuary, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddEstuary(estuary);
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static ServiceProvider With(params Endpoint[] endpoints) => Create(e => e.AddModule(new FirstModule(endpoints)));

    public static ICommandBus Bus(this IServiceProvider provider) => provider.GetRequiredService<ICommandBus>();

    public static EstuaryRuntime Runtime(this IServiceProvider provider) => provider.GetRequiredService<EstuaryRuntime>();
}
