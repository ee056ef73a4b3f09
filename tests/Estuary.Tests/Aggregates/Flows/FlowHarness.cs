using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Tests.Aggregates.Flows;

/// <summary>A counter, as a generated module would describe it: identifier, version, completion and recorded events.</summary>
internal sealed class Counter
{
    public string Id { get; set; } = string.Empty;

    public int Count { get; set; }

    public long Version { get; set; }

    public bool Closed { get; set; }

    public List<object> Recorded { get; } = [];

    public IEnumerable<object> PullRecorded()
    {
        var recorded = Recorded.ToArray();
        Recorded.Clear();
        return recorded;
    }
}

internal sealed record Counted(string Id, int Count);

internal sealed class CounterDefinition : StoredAggregateDefinition<Counter>
{
    public static readonly CounterDefinition Instance = new();

    public override string Name => "counters";

    public override string IdOf(Counter aggregate) => aggregate.Id;

    public override void SetVersion(Counter aggregate, long version) => aggregate.Version = version;

    public override bool IsCompleted(Counter aggregate) => aggregate.Closed;

    public override System.Collections.IEnumerable? RecordedEvents(Counter aggregate) => aggregate.PullRecorded();
}

/// <summary>A repository over a dictionary that records every call and can lose saves to a "concurrent writer".</summary>
internal sealed class RecordingRepository : IAggregateRepository<Counter>
{
    private readonly Dictionary<string, (string Json, long Version)> _stored = [];

    public List<string> Calls { get; } = [];

    /// <summary>How many of the next saves fail with ConcurrencyException (another writer won).</summary>
    public int ConflictsToRaise { get; set; }

    public void Seed(Counter counter, long version) => _stored[counter.Id] = (System.Text.Json.JsonSerializer.Serialize(new { counter.Id, counter.Count }), version);

    public long? VersionOf(string id) => _stored.TryGetValue(id, out var stored) ? stored.Version : null;

    public ValueTask<VersionedDocument<Counter>?> FindAsync(string id, CancellationToken cancellationToken)
    {
        Calls.Add("find " + id);
        if (!_stored.TryGetValue(id, out var stored))
        {
            return new((VersionedDocument<Counter>?)null);
        }

        var state = System.Text.Json.JsonDocument.Parse(stored.Json).RootElement;
        var counter = new Counter { Id = state.GetProperty("Id").GetString()!, Count = state.GetProperty("Count").GetInt32() };
        return new(new VersionedDocument<Counter>(counter, stored.Version));
    }

    public ValueTask<long> SaveAsync(string id, Counter aggregate, long expectedVersion, CancellationToken cancellationToken)
    {
        Calls.Add($"save {id} at {expectedVersion} (member {aggregate.Version})");
        var current = _stored.TryGetValue(id, out var stored) ? stored.Version : 0;
        if (ConflictsToRaise > 0)
        {
            ConflictsToRaise--;
            _stored[id] = ("{\"Id\":\"" + id + "\",\"Count\":100}", current + 1);
            throw new ConcurrencyException("counters", id, expectedVersion, current + 1);
        }

        if (current != expectedVersion)
        {
            throw new ConcurrencyException("counters", id, expectedVersion, current);
        }

        Seed(aggregate, expectedVersion + 1);
        return new(expectedVersion + 1);
    }

    public ValueTask DeleteAsync(string id, long expectedVersion, CancellationToken cancellationToken)
    {
        Calls.Add($"delete {id} at {expectedVersion}");
        _stored.Remove(id);
        return default;
    }
}

/// <summary>An event bus that records what it is asked to publish, and the repository calls made before.</summary>
internal sealed class RecordingEventBus(RecordingRepository repository) : IEventBus
{
    public List<string> Published { get; } = [];

    public ValueTask PublishObjectAsync(object @event, MessageHeaders? headers = null, CancellationToken cancellationToken = default)
    {
        Published.Add(@event + " after " + repository.Calls.Count + " repository calls");
        return default;
    }

    public ValueTask PublishWithRoutingAsync(string routingKey, object? payload = null, MessageHeaders? headers = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public ValueTask PublishWithRoutingAsync(string routingKey, object payload, string contentType, MessageHeaders? headers = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

/// <summary>A host with a recording event bus, and message contexts to run flows with.</summary>
internal sealed class FlowHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public FlowHarness()
    {
        Events = new RecordingEventBus(Repository);
        _services = Host.Create(_ => { }, services => services.AddSingleton<IEventBus>(Events));
    }

    public RecordingRepository Repository { get; } = new();

    public RecordingEventBus Events { get; }

    public IServiceProvider Services => _services;

    public MessageContext Context() => MessageContext.CreateForAsync(_services.Runtime(), headers: null, routingKey: null, CancellationToken.None);

    public void Dispose() => _services.Dispose();
}
