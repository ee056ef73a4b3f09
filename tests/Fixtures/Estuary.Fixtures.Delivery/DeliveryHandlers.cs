using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Fixtures.Delivery;

public static class TransferHandlers
{
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.transfer")]
    public static void Book(Transfer transfer, DeliveryLog log) => log.Add($"booked {transfer.Account} {transfer.Amount}");
}

/// <summary>Reports the reserved headers it sees, and sends a message on to show what propagates.</summary>
public static class HeaderHandlers
{
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.inspect")]
    public static async Task Inspect(InspectHeaders command, [Header(MessageHeaderNames.Replayed)] string? replayed, MessageContext context, IEventBus events, DeliveryLog log)
    {
        log.Add($"{command.Label}: replayed={replayed ?? "-"} name={Read(context, MessageHeaderNames.MessageName)} "
            + $"traceparent={Read(context, MessageHeaderNames.TraceParent)} aggregate={Read(context, MessageHeaderNames.AggregateId)} "
            + $"all={context.Headers.ContainsKey(MessageHeaderNames.Replayed)}/{context.Headers.ContainsKey(MessageHeaderNames.AggregateId)} "
            + $"sent={context.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}");
        await events.PublishAsync(new HeadersInspected(command.Label));
    }

    [Asynchronous(DeliveryChannels.Next)]
    [EventHandler(EndpointId = "delivery.inspected")]
    public static void Inspected(HeadersInspected @event, MessageContext context, DeliveryLog log) =>
        log.Add($"next {@event.Label}: replayed={Read(context, MessageHeaderNames.Replayed)} aggregate={Read(context, MessageHeaderNames.AggregateId)} tenant={Read(context, "tenant")}");

    private static object Read(MessageContext context, string header) => context.TryGetHeader(header, out var value) ? value ?? "null" : "-";
}

/// <summary>Sends a message on to the next channel, then may fail; the next channel's handler logs it.</summary>
public static class SendOnHandlers
{
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.send-on")]
    [Retry(Instant = 0, Delayed = 0)]
    public static async Task Send(SendOn command, IEventBus events)
    {
        await events.PublishAsync(new SentOn(command.Label));
        if (command.FailAfterSending)
        {
            throw new InvalidOperationException($"{command.Label} fails after sending");
        }
    }

    [Asynchronous(DeliveryChannels.Next)]
    [EventHandler(EndpointId = "delivery.sent-on")]
    public static void Received(SentOn @event, DeliveryLog log) => log.Add($"received {@event.Label}");
}

/// <summary>Records the scoped service and the headers each attempt got; the first attempt changes a header, then fails.</summary>
public static class ScopeHandlers
{
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.scope")]
    [Retry(Instant = 1, Delayed = 0)]
    public static void Touch(TouchScope command, AttemptScoped scoped, MessageContext context, DeliveryLog log)
    {
        log.Add($"attempt with {scoped.Id}");
        log.Add($"attempt sees stage {(context.TryGetHeader("stage", out var stage) ? stage : "none")}");
        if (log.Count($"attempt with ") == 1)
        {
            context.MergeHeaders(new MessageHeaders { ["stage"] = "changed by the first attempt" });
            throw new InvalidOperationException($"first attempt of {command.Label} fails");
        }
    }
}

public static class FailureHandlers
{
    /// <summary>Fails its first attempt only: the instant retry succeeds.</summary>
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.fail-once")]
    [Retry(Instant = 1, Delayed = 0)]
    public static void FailOnce(FailOnce command, DeliveryLog log)
    {
        log.Add($"attempt {command.Label}");
        if (log.Count($"attempt {command.Label}") == 1)
        {
            throw new InvalidOperationException($"{command.Label} fails once");
        }
    }

    /// <summary>Fails its first attempt, with no instant retry: the delayed retry (due at once) succeeds.</summary>
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.fail-once-later")]
    [Retry(Instant = 0, Delayed = 1, InitialDelayMilliseconds = 0)]
    public static void FailOnceLater(FailOnceLater command, DeliveryLog log)
    {
        log.Add($"attempt {command.Label}");
        if (log.Count($"attempt {command.Label}") == 1)
        {
            throw new InvalidOperationException($"{command.Label} fails once");
        }
    }

    /// <summary>Fails every time, with the reason the message gives.</summary>
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.always-fail")]
    [Retry(Instant = 0, Delayed = 0)]
    public static void AlwaysFail(AlwaysFail command, DeliveryLog log)
    {
        log.Add($"failing {command.Label}");
        throw new InvalidOperationException(command.Reason);
    }

    /// <summary>Fails while the test keeps the switch on.</summary>
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.toggle")]
    [Retry(Instant = 0, Delayed = 0)]
    public static void Toggle(Toggle command, DeliverySwitch broken, DeliveryLog log)
    {
        if (broken.On)
        {
            throw new InvalidOperationException($"{command.Label} fails while the switch is on");
        }

        log.Add($"toggled {command.Label}");
    }

    /// <summary>Waits until the test lets it go, or the host stops handling.</summary>
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.hold")]
    [Retry(Instant = 0, Delayed = 0)]
    public static async Task Hold(HoldOn command, DeliveryGate gate, DeliveryLog log, CancellationToken token)
    {
        gate.Entered.TrySetResult();
        await gate.Release.Task.WaitAsync(token);
        log.Add($"held {command.Label}");
    }
}

/// <summary>An event-sourced aggregate whose readings arrive through the work channel.</summary>
[EventSourcingAggregate]
[Stream("gauges")]
public sealed class Gauge
{
    [Identifier]
    public string GaugeId { get; set; } = string.Empty;

    public int Last { get; set; }

    [CommandHandler]
    public static GaugeInstalled Install(InstallGauge command) => new(command.GaugeId);

    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.gauge-read")]
    [Retry(Instant = 1, Delayed = 2)]
    public GaugeRead Read(ReadGauge command) => new(GaugeId, command.Reading);

    [EventSourcingHandler]
    public void OnInstalled(GaugeInstalled installed) => GaugeId = installed.GaugeId;

    [EventSourcingHandler]
    public void OnRead(GaugeRead read) => Last = read.Reading;
}

/// <summary>Takes each payment once, whatever the ids of the messages bringing it.</summary>
public static class PaymentHandlers
{
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.payment")]
    [Deduplicated(nameof(Payment.PaymentId))]
    public static void Take(Payment payment, DeliveryLog log) => log.Add($"paid {payment.PaymentId} {payment.Label}");
}

/// <summary>Handlers of the conformance cases: headers as sent, the order a channel hands messages out, handlers at once.</summary>
public static class ConformanceHandlers
{
    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.annotated")]
    public static void Annotated(Annotated command, [Header("note")] string? note, DeliveryLog log) => log.Add($"{command.Label}: {note ?? "-"}");

    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.ranked")]
    public static void Ranked(Ranked command, DeliveryLog log) => log.Add($"ranked {command.Label}");

    [Asynchronous(DeliveryChannels.Work)]
    [CommandHandler(EndpointId = "delivery.meet")]
    public static async Task Meet(Meet command, DeliveryMeeting meeting, DeliveryLog log, CancellationToken token)
    {
        await meeting.AttendAsync(TimeSpan.FromMilliseconds(300), token);
        log.Add($"met {command.Label}");
    }
}

/// <summary>What other services may call through the distributed bus.</summary>
public static class DistributedHandlers
{
    public const string NoteKey = "delivery.note";

    [Distributed]
    [CommandHandler(NoteKey)]
    public static void Note(DistributedNote note, [Header(MessageHeaderNames.SourceService)] string? source, DeliveryLog log) =>
        log.Add($"note {note.Label} from {source ?? "-"}");
}
