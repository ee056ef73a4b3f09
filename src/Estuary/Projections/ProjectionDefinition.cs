using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// A <see cref="ProjectionAttribute"/> class as the generator wired it: its name, the streams it
/// reads, the endpoints of its event handlers and its lifecycle hooks. Generated modules list one per
/// projection class; <see cref="EstuaryProjections"/> runs them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProjectionDefinition
{
    private readonly string[] _streamPrefixes;

    /// <summary>Describes the projection <paramref name="name"/>.</summary>
    /// <param name="name">The projection's name.</param>
    /// <param name="batchSize">Events read per batch.</param>
    /// <param name="streamPrefixes">The prefixes of the streams it reads (without the dash); empty: every stream.</param>
    /// <param name="channel">The channel its triggers go through (<see cref="AsynchronousAttribute"/> on the class); null: the host's projection worker polls it.</param>
    /// <param name="synchronous">Whether it runs in the unit of work of each append to its streams (<see cref="ProjectionAttribute.Synchronous"/>).</param>
    /// <param name="partitioned">Whether it keeps a position, lock and failures per stream (<see cref="ProjectionAttribute.Partitioned"/>).</param>
    /// <param name="version">Its version (<see cref="ProjectionAttribute.Version"/>): above 1, it is kept as <c>{name}_v{version}</c>.</param>
    /// <param name="manualTakeOver">Whether a new version waits to be switched to (<see cref="ProjectionAttribute.ManualTakeOver"/>).</param>
    protected ProjectionDefinition(string name, int batchSize, IReadOnlyList<string> streamPrefixes, string? channel = null, bool synchronous = false, bool partitioned = false, int version = 1, bool manualTakeOver = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentNullException.ThrowIfNull(streamPrefixes);
        Lineage = name;
        Version = version;
        ManualTakeOver = manualTakeOver;
        name = NameOf(name, version);
        Name = name;
        BatchSize = batchSize;
        _streamPrefixes = [.. streamPrefixes];
        Channel = channel;
        IsSynchronous = synchronous;
        IsPartitioned = partitioned;
        TriggerRoutingKey = "projection:" + name;
    }

    /// <summary>The projection's name: its position, status and operations are kept under it (<c>{lineage}_v{version}</c> above version 1).</summary>
    public string Name { get; }

    /// <summary>The name its versions share (<see cref="ProjectionAttribute.Name"/>).</summary>
    public string Lineage { get; }

    /// <summary>Its version (<see cref="ProjectionAttribute.Version"/>).</summary>
    public int Version { get; }

    /// <summary>Whether, as a new version, it waits to be switched to rather than taking over once caught up.</summary>
    public bool ManualTakeOver { get; }

    /// <summary>The name version <paramref name="version"/> of projection <paramref name="lineage"/> is kept under.</summary>
    public static string NameOf(string lineage, int version) => version == 1 ? lineage : $"{lineage}_v{version}";

    /// <summary>Events of the store read per batch.</summary>
    public int BatchSize { get; }

    /// <summary>The prefixes of the streams it reads, without the dash.</summary>
    public IReadOnlyList<string> StreamPrefixes => _streamPrefixes;

    /// <summary>
    /// The channel that carries the projection's triggers, or <see langword="null"/> when the host's
    /// projection worker polls it. A triggered projection runs where that channel is consumed.
    /// </summary>
    public string? Channel { get; }

    /// <summary>Whether it runs in the unit of work of each append to its streams by an event-sourced repository.</summary>
    public bool IsSynchronous { get; }

    /// <summary>Whether it keeps a position, a lock and failures per stream (partition) rather than one for the whole store.</summary>
    public bool IsPartitioned { get; }

    /// <summary>The routing key of the projection's trigger endpoint (<c>projection:{name}</c>).</summary>
    public string TriggerRoutingKey { get; }

    /// <summary>The endpoints of the projection's event handlers.</summary>
    public abstract IReadOnlyList<EventEndpoint> Endpoints { get; }

    /// <summary>Whether the projection reads the events of <paramref name="streamId"/>.</summary>
    public bool Reads(string streamId)
    {
        if (_streamPrefixes.Length == 0)
        {
            return true;
        }

        foreach (var prefix in _streamPrefixes)
        {
            if (streamId.Length > prefix.Length && streamId[prefix.Length] == '-' && streamId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <see cref="ProjectionInitializationAttribute"/> hook, with the batch's scoped services.</summary>
    public virtual ValueTask InitializeAsync(IServiceProvider services, CancellationToken cancellationToken) => default;

    /// <summary>The <see cref="ProjectionResetAttribute"/> hook.</summary>
    public virtual ValueTask ResetAsync(IServiceProvider services, CancellationToken cancellationToken) => default;

    /// <summary>
    /// The <see cref="ProjectionPartitionResetAttribute"/> hook, for one partition (stream) of a
    /// partitioned projection; without one, a partition cannot be rebuilt on its own.
    /// </summary>
    /// <exception cref="InvalidOperationException">The projection declares no partition reset hook.</exception>
    public virtual ValueTask ResetPartitionAsync(string partition, IServiceProvider services, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(
            $"Projection '{Name}' cannot rebuild one partition: it has no [ProjectionPartitionReset] method to remove what the partition's events wrote. Add one, or rebuild the whole projection.");

    /// <summary>The <see cref="ProjectionDeleteAttribute"/> hook.</summary>
    public virtual ValueTask DeleteAsync(IServiceProvider services, CancellationToken cancellationToken) => default;

    /// <summary>The <see cref="ProjectionFlushAttribute"/> hook.</summary>
    public virtual ValueTask FlushAsync(IServiceProvider services, CancellationToken cancellationToken) => default;

    /// <inheritdoc />
    public override string ToString() => Name;
}
