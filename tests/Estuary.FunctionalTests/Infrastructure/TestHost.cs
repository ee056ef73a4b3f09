using System;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.FunctionalTests;

/// <summary>Builds a service provider the way an application does: services, then AddEstuary.</summary>
internal static class TestHost
{
    /// <summary>
    /// A host composing <see cref="FunctionalTestsModule"/> (unless <paramref name="estuary"/> says
    /// otherwise) with a fresh <see cref="CallLog"/>. Scopes are validated, so a scoped service
    /// resolved from the root provider fails the test.
    /// </summary>
    public static ServiceProvider Create(Action<IServiceCollection>? services = null, Action<EstuaryBuilder>? estuary = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<CallLog>();
        services?.Invoke(collection);
        collection.AddEstuary(estuary ?? (static e => e.AddModule<FunctionalTestsModule>().AddTestChannels()));
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static ICommandBus Commands(this IServiceProvider provider) => provider.GetRequiredService<ICommandBus>();

    public static IQueryBus Queries(this IServiceProvider provider) => provider.GetRequiredService<IQueryBus>();

    public static IEventBus Events(this IServiceProvider provider) => provider.GetRequiredService<IEventBus>();

    public static string[] Log(this IServiceProvider provider) => provider.GetRequiredService<CallLog>().Entries;
}
