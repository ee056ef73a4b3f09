using System;
using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Estuary.FunctionalTests.Lifetimes;

namespace Estuary.FunctionalTests.Delivery;

/// <summary>A message whose constructor validates its input, as a record with guard clauses does.</summary>
public sealed record ValidatedTransfer
{
    public ValidatedTransfer(string account, decimal amount)
    {
        if (amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A transfer moves a positive amount.");
        }

        Account = account;
        Amount = amount;
    }

    public string Account { get; }

    public decimal Amount { get; }
}

public sealed record InspectHeaders(string Label);

public sealed record HeadersInspected(string Label);

public sealed record TouchScope(string Label);

[JsonSerializable(typeof(ValidatedTransfer))]
[JsonSerializable(typeof(InspectHeaders))]
[JsonSerializable(typeof(HeadersInspected))]
[JsonSerializable(typeof(TouchScope))]
internal sealed partial class DeliveryJson : JsonSerializerContext;

public static class TransferHandlers
{
    [Asynchronous(AsyncChannels.Payments)]
    [CommandHandler(EndpointId = "transfers.book")]
    public static void Book(ValidatedTransfer transfer, CallLog log) => log.Add($"booked {transfer.Account} {transfer.Amount}");
}

/// <summary>Reports the reserved headers it sees, and sends a message onwards to show what propagates.</summary>
public static class HeaderInspector
{
    [Asynchronous(AsyncChannels.Reminders)]
    [CommandHandler(EndpointId = "headers.inspect")]
    public static async Task Inspect(InspectHeaders command, [Header(MessageHeaderNames.Replayed)] string? replayed, MessageContext context, IEventBus events, CallLog log)
    {
        context.TryGetHeader(MessageHeaderNames.MessageName, out var name);
        context.TryGetHeader(MessageHeaderNames.TraceParent, out var traceParent);
        context.TryGetHeader(MessageHeaderNames.AggregateId, out var aggregateId);
        var all = context.Headers;
        log.Add($"{command.Label}: replayed={replayed ?? "-"} name={name ?? "-"} traceparent={traceParent ?? "-"} aggregate={aggregateId ?? "-"} "
            + $"in-headers={all.ContainsKey(MessageHeaderNames.Replayed)}/{all.ContainsKey(MessageHeaderNames.AggregateId)}");
        await events.PublishAsync(new HeadersInspected(command.Label));
    }

    [Asynchronous(AsyncChannels.Slow)]
    [EventHandler(EndpointId = "headers.inspected")]
    public static void Inspected(HeadersInspected @event, CallLog log) => log.Add($"inspected {@event.Label}");
}

/// <summary>Records the scoped service each attempt got; the first attempt fails.</summary>
public sealed class ScopeLedger
{
    public ConcurrentQueue<ScopedDependency> Seen { get; } = new();
}

public static class ScopeHandlers
{
    [Asynchronous(AsyncChannels.Payments)]
    [CommandHandler(EndpointId = "scopes.touch")]
    [Retry(Instant = 1, Delayed = 0)]
    public static void Touch(TouchScope command, ScopedDependency dependency, ScopeLedger ledger)
    {
        ledger.Seen.Enqueue(dependency);
        if (ledger.Seen.Count == 1)
        {
            throw new InvalidOperationException($"first attempt of {command.Label} fails");
        }
    }
}
