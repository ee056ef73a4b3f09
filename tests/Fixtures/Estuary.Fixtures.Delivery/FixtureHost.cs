using System;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Fixtures.Delivery;

/// <summary>A host with the delivery fixtures' handlers and services, whose work channel the test declares (the others in memory).</summary>
public static class FixtureHost
{
    public static ServiceCollection Services(Action<EstuaryBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddFixtures(configure);
        return services;
    }

    public static IServiceCollection AddFixtures(this IServiceCollection services, Action<EstuaryBuilder> configure)
    {
        services.AddSingleton<DeliveryLog>().AddSingleton<DeliveryGate>().AddSingleton<DeliverySwitch>().AddSingleton<DeliveryMeeting>().AddScoped<AttemptScoped>();
        return services.AddEstuary(estuary =>
        {
            estuary.AddModule<DeliveryFixturesModule>().AddInMemoryChannel(DeliveryChannels.Next).AddInMemoryChannel(DeliveryChannels.Errors);
            configure(estuary);
        });
    }
}
