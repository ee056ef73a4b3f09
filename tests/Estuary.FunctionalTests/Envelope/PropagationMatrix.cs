using System;
using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;

namespace Estuary.FunctionalTests.Envelope;

/// <summary>The root of a flow: its handler forks branches on every path at once.</summary>
public sealed record ForkFlow(string Flow);

/// <summary>A branch of a flow, named by the path it took.</summary>
public sealed record Branch(string Flow, string Path);

public sealed record BranchPublished(string Flow);

[JsonSerializable(typeof(Branch))]
[JsonSerializable(typeof(BranchPublished))]
internal sealed partial class PropagationJson : JsonSerializerContext;

/// <summary>A custom bus whose gateway interceptor adds a header to what is sent through it.</summary>
public interface IPropagationBus : ICommandBus;

public interface IPropagationApi
{
    [BusinessMethod("propagation.branch")]
    Task BranchAsync(Branch branch, CancellationToken cancellationToken = default);
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class PropagationProbeAttribute : Attribute;

/// <summary>What one step saw: its envelope and the headers the matrix follows.</summary>
public sealed record Sighting(string Flow, string Step, Guid MessageId, Guid CorrelationId, Guid? CausationId, string? Tenant, string? Via);

public sealed class PropagationLog
{
    private readonly ConcurrentQueue<Sighting> _seen = new();

    public Sighting[] Seen => _seen.ToArray();

    public void Record(string flow, string step, MessageContext context)
    {
        context.TryGetHeader("tenant", out var tenant);
        context.TryGetHeader("via", out var via);
        _seen.Enqueue(new Sighting(flow, step, context.MessageId, context.CorrelationId, context.CausationId, tenant as string, via as string));
    }
}

/// <summary>
/// Forks a flow on every path at once from one handler (Task.WhenAll): the command bus, a custom
/// bus with a gateway interceptor, a business method, another thread, an event with a synchronous and
/// an asynchronous subscriber; the asynchronous one sends again after its hop through a channel.
/// </summary>
public sealed class PropagationMatrixHandlers(ICommandBus commands, IEventBus events, IPropagationBus gateway, IPropagationApi api, PropagationLog log)
{
    [CommandHandler]
    public async Task Fork(ForkFlow fork, MessageContext context)
    {
        log.Record(fork.Flow, "root", context);
        await Task.WhenAll(
            commands.SendAsync(new Branch(fork.Flow, "bus")).AsTask(),
            gateway.SendAsync(new Branch(fork.Flow, "gateway")).AsTask(),
            api.BranchAsync(new Branch(fork.Flow, "business")),
            Task.Run(() => commands.SendAsync(new Branch(fork.Flow, "thread")).AsTask()),
            events.PublishAsync(new BranchPublished(fork.Flow)).AsTask());
    }

    [CommandHandler("propagation.branch")]
    [PropagationProbe]
    public async Task OnBranch(Branch branch, MessageContext context)
    {
        await Task.Yield();
        log.Record(branch.Flow, "branch:" + branch.Path, context);
    }

    [EventHandler]
    public void OnPublished(BranchPublished published, MessageContext context) => log.Record(published.Flow, "event:sync", context);

    [Asynchronous(AsyncChannels.Orders)]
    [EventHandler(EndpointId = "propagation.after-hop")]
    public async Task OnPublishedAfterHop(BranchPublished published, MessageContext context)
    {
        log.Record(published.Flow, "event:async", context);
        await commands.SendAsync(new Branch(published.Flow, "after-hop"));
    }
}

public sealed class PropagationInterceptors(PropagationLog log)
{
    // Runs in the handler's context: it must see the same envelope as the handler.
    [Before]
    public void Probe(Branch branch, PropagationProbeAttribute probe, MessageContext context) => log.Record(branch.Flow, "interceptor:" + branch.Path, context);

    [Before(Pointcut = typeof(IPropagationBus), ChangeHeaders = true)]
    public MessageHeaders Stamp(Branch branch) => new() { ["via"] = "gateway" };
}
