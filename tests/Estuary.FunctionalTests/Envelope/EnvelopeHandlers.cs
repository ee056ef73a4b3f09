using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Envelope;

/// <summary>What a handler saw of its message's envelope, copied out of the context.</summary>
public sealed record Envelope(
    string Flow,
    string Step,
    Guid MessageId,
    Guid CorrelationId,
    Guid? CausationId,
    DateTimeOffset Timestamp,
    string? Tenant,
    string? RoutingKey,
    string? ContentType,
    bool HasMessageNameHeader);

/// <summary>Envelopes seen by handlers, for tests to read. Registered per test host.</summary>
public sealed class EnvelopeLog
{
    private readonly ConcurrentQueue<Envelope> _seen = new();

    public Envelope[] Seen => _seen.ToArray();

    public void Record(string flow, string step, MessageContext context)
    {
        context.TryGetHeader("tenant", out var tenant);
        _seen.Enqueue(new Envelope(
            flow,
            step,
            context.MessageId,
            context.CorrelationId,
            context.CausationId,
            context.Timestamp,
            tenant as string,
            context.RoutingKey,
            context.ContentType,
            context.UserHeaders?.ContainsKey(MessageHeaderNames.MessageName) ?? false));
    }
}

public sealed record ReadEnvelope(string Flow);

/// <summary>A step of a flow: the handler records its envelope, then sends the next step.</summary>
public sealed record SyncStep(string Flow, string[] Remaining, MessageHeaders? NextHeaders = null);

public sealed record AsyncStep(string Flow, string[] Remaining, MessageHeaders? NextHeaders = null);

public sealed class EnvelopeHandlers(EnvelopeLog log)
{
    [QueryHandler]
    public Envelope Read(ReadEnvelope query, MessageContext context)
    {
        log.Record(query.Flow, "read", context);
        return log.Seen[^1];
    }
}

/// <summary>
/// Chains of synchronous and asynchronous handlers. A synchronous handler cannot await, so it
/// blocks on an asynchronous next step, as user code in a void handler would.
/// </summary>
public sealed class StepHandlers(ICommandBus commands, EnvelopeLog log)
{
    [CommandHandler]
    public void RunSync(SyncStep step, MessageContext context)
    {
        log.Record(step.Flow, "sync", context);
        Next(step.Flow, step.Remaining, step.NextHeaders).AsTask().GetAwaiter().GetResult();
    }

    [CommandHandler]
    public async Task RunAsync(AsyncStep step, MessageContext context)
    {
        await Task.Yield();
        log.Record(step.Flow, "async", context);
        await Next(step.Flow, step.Remaining, step.NextHeaders);
    }

    private ValueTask Next(string flow, string[] remaining, MessageHeaders? headers)
    {
        if (remaining.Length == 0)
        {
            return default;
        }

        return remaining[0] == "sync"
            ? commands.SendAsync(new SyncStep(flow, remaining[1..]), headers)
            : commands.SendAsync(new AsyncStep(flow, remaining[1..]), headers);
    }
}

/// <summary>A clock tests control, registered as the host's TimeProvider.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
