namespace Estuary.Runtime;

/// <summary>What <c>UseDistributedBus</c> captured: this service's name and the map of every service.</summary>
internal sealed record DistributedBusSettings(string ServiceName, DistributedServiceMap Map)
{
    /// <summary>This service's entry, or <see langword="null"/> when it only sends and publishes.</summary>
    public DistributedService? Self => Map.Find(ServiceName);
}
