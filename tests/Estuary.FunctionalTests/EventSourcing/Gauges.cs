using System.Text.Json.Serialization;
using Estuary.FunctionalTests.Asynchronous;

namespace Estuary.FunctionalTests.EventSourcing;

public sealed record InstallGauge(string GaugeId);

public sealed record ReadGauge(string GaugeId, int Reading);

[NamedEvent("gauge.installed")]
public sealed record GaugeInstalled(string GaugeId);

[NamedEvent("gauge.read")]
public sealed record GaugeRead(string GaugeId, int Reading);

/// <summary>An event-sourced aggregate whose readings arrive through a channel.</summary>
[EventSourcingAggregate]
[Stream("gauges")]
public sealed class Gauge
{
    [Identifier]
    public string GaugeId { get; set; } = string.Empty;

    public int Last { get; set; }

    [CommandHandler]
    public static GaugeInstalled Install(InstallGauge command) => new(command.GaugeId);

    [Asynchronous(AsyncChannels.Payments)]
    [CommandHandler(EndpointId = "gauges.read")]
    [Retry(Instant = 1, Delayed = 2)]
    public GaugeRead Read(ReadGauge command) => new(GaugeId, command.Reading);

    [EventSourcingHandler]
    public void OnInstalled(GaugeInstalled installed) => GaugeId = installed.GaugeId;

    [EventSourcingHandler]
    public void OnRead(GaugeRead read) => Last = read.Reading;
}

[JsonSerializable(typeof(InstallGauge))]
[JsonSerializable(typeof(ReadGauge))]
[JsonSerializable(typeof(GaugeInstalled))]
[JsonSerializable(typeof(GaugeRead))]
internal sealed partial class GaugeJson : JsonSerializerContext;
