using Microsoft.Extensions.DependencyInjection;

namespace Estuary;

/// <summary>Host-wide settings for Estuary.</summary>
public sealed class EstuaryOptions
{
    /// <summary>
    /// The lifetime under which generated modules register handler, interceptor and gateway classes
    /// that the application has not registered itself. Singleton (the default) makes dispatch
    /// allocation-free; handlers needing scoped services should be registered scoped, and Estuary then
    /// creates one scope per dispatched message.
    /// </summary>
    public ServiceLifetime HandlerLifetime { get; set; } = ServiceLifetime.Singleton;

    /// <summary>Retries of asynchronous endpoints that neither they nor their channel configure (see <see cref="RetryPolicy"/>).</summary>
    public RetryPolicy DefaultRetry { get; set; } = new();

    /// <summary>How long deduplication marks are kept before the cleanup may remove them (default 7 days).</summary>
    public System.TimeSpan DeduplicationRetention { get; set; } = System.TimeSpan.FromDays(7);

    /// <summary>How often the host removes expired deduplication marks (default hourly; <see langword="null"/> turns it off, e.g. when a scheduled job or the CLI does it).</summary>
    public System.TimeSpan? DeduplicationCleanupInterval { get; set; } = System.TimeSpan.FromHours(1);

    /// <summary>
    /// How often the host catches up every projection of its modules (default every second; <see langword="null"/>
    /// turns the background worker off, e.g. in a web process that leaves projections to a worker).
    /// Several hosts may run it at once: each batch holds its projection, so they share the work.
    /// </summary>
    public System.TimeSpan? ProjectionPollInterval { get; set; } = System.TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many batches of a partitioned projection's partitions this host runs at once (default 1).
    /// Every host running the projection adds its own: partitions are shared through their locks.
    /// </summary>
    public int ProjectionPartitionWorkers { get; set; } = 1;
}
