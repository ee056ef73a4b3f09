using System;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.FunctionalTests.Asynchronous;

/// <summary>A host with the asynchronous test channels on a manual clock, and helpers to consume them.</summary>
internal static class AsyncTestHost
{
    public static ServiceProvider Create(Action<ConsumerSettings>? orders = null) => TestHost.Create(
        services => services.AddSingleton<Faults>().AddSingleton<ManualClock>().AddSingleton<TimeProvider>(static p => p.GetRequiredService<ManualClock>()),
        estuary => estuary.AddModule<FunctionalTestsModule>().AddTestChannels(orders));

    /// <summary>Consumes a channel until nothing is available right now.</summary>
    public static Task<ConsumerRunResult> Drain(this IServiceProvider host, string channel) =>
        host.GetRequiredService<EstuaryConsumers>().RunAsync(channel, new ConsumerLimits { StopWhenEmpty = true });

    public static InMemoryChannel Channel(this IServiceProvider host, string name) =>
        (InMemoryChannel)host.GetRequiredService<EstuaryConsumers>().Channel(name);

    public static EstuaryConsumers GetConsumers(this IServiceProvider host) => host.GetRequiredService<EstuaryConsumers>();

    public static Faults Faults(this IServiceProvider host) => host.GetRequiredService<Faults>();

    public static ManualClock Clock(this IServiceProvider host) => host.GetRequiredService<ManualClock>();

    public static DeadLetters DeadLetters(this IServiceProvider host) => host.GetRequiredService<DeadLetters>();
}
