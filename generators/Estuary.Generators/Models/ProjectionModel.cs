namespace Estuary.SourceGeneration;

/// <summary>A [Projection] class: its name, the streams it reads and its lifecycle hooks. Its event handlers are ordinary handler models.</summary>
internal sealed record ProjectionModel
{
    /// <summary>The projection's name.</summary>
    public required string Name { get; init; }

    /// <summary>Events read per batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The prefixes of the streams it reads, without the dash, in declaration order.</summary>
    public required EquatableArray<string> StreamPrefixes { get; init; }

    /// <summary>Whether it runs in the unit of work of each append to its streams ([Projection(Synchronous = true)]).</summary>
    public required bool Synchronous { get; init; }

    /// <summary>Whether it keeps a position, lock and failures per stream ([Projection(Partitioned = true)]).</summary>
    public required bool Partitioned { get; init; }

    /// <summary>Its version ([Projection(Version = n)]); 1 by default.</summary>
    public required int Version { get; init; }

    /// <summary>Whether, as a new version, it waits to be switched to ([Projection(ManualTakeOver = true)]).</summary>
    public required bool ManualTakeOver { get; init; }

    /// <summary>The class's [Asynchronous] channel (and [Retry]) its triggers go through; null for a polled projection.</summary>
    public required AsynchronousModel? Trigger { get; init; }

    /// <summary>The hooks, by kind, each at most once.</summary>
    public required EquatableArray<ProjectionHookModel> Hooks { get; init; }

    /// <summary>The class's single public constructor, for registering it when only its hooks are instance methods.</summary>
    public required ConstructorModel? Constructor { get; init; }
}
