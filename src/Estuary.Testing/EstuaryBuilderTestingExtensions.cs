using System;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Testing;

/// <summary>Channel declarations for the configure callback of <see cref="EstuaryTestHost"/>.</summary>
public static class EstuaryBuilderTestingExtensions
{
    /// <summary>
    /// Declares an in-memory channel whose sent messages the test host records (see
    /// <see cref="RecordedTraffic.SentTo"/>), with consumer settings of the test's choosing. The host
    /// declares such a channel by itself for every channel its modules use; declare one explicitly to
    /// change its settings (final failure strategy, retries, error channel) or to add a channel no
    /// endpoint names, such as an error channel.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The builder does not belong to an <see cref="EstuaryTestHost"/>, or the channel is already declared.
    /// </exception>
    public static EstuaryBuilder AddRecordedChannel(this EstuaryBuilder estuary, string name, Action<ConsumerSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(estuary);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var recorded = FindRecordedTraffic(estuary.Services) ?? throw new InvalidOperationException(
            $"AddRecordedChannel(\"{name}\") records into an EstuaryTestHost, and this builder does not belong to one. " +
            $"Call it in the configure callback of EstuaryTestHost.Create, or declare the channel with AddInMemoryChannel(\"{name}\").");
        DeclareRecordedChannel(estuary, recorded, name, configure);
        return estuary;
    }

    internal static void DeclareRecordedChannel(EstuaryBuilder estuary, RecordedTraffic recorded, string name, Action<ConsumerSettings>? configure)
    {
        estuary.AddChannel(
            name,
            provider => new RecordingChannel(new InMemoryChannel(name, provider.GetService<TimeProvider>()), recorded),
            settings =>
            {
                // The test runs consumers itself, when it chooses to.
                settings.RunInHost = false;
                configure?.Invoke(settings);
            });

        // After AddChannel, which throws for a channel declared twice.
        recorded.Track(name);
    }

    /// <summary>The test host registers its record as an instance before it runs the configure callback.</summary>
    private static RecordedTraffic? FindRecordedTraffic(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(RecordedTraffic) && !descriptor.IsKeyedService)
            {
                return descriptor.ImplementationInstance as RecordedTraffic;
            }
        }

        return null;
    }
}
