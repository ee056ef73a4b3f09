using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Asynchronous;

/// <summary>
/// Listening to Estuary's activity source changes how every dispatch in the process runs, so these
/// tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(nameof(TracingCollection), DisableParallelization = true)]
public sealed class TracingCollection;

[Collection(nameof(TracingCollection))]
public sealed class TracingTests
{
    private static readonly ActivitySource s_test = new("Estuary.FunctionalTests");

    [Fact]
    public async Task Spans_of_a_flow_from_a_bus_call_through_two_asynchronous_hops_form_one_tree()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = Listen(spans);
        await using var host = AsyncTestHost.Create();

        using (var root = s_test.StartActivity("test"))
        {
            await host.Commands().SendAsync(new ReserveStock("o-t", 1));
            await host.Drain(AsyncChannels.Orders);
        }

        var trace = spans.Where(s => s.TraceId == spans.Single(r => r.OperationName == "test").TraceId).ToList();
        var root2 = trace.Single(s => s.OperationName == "test");
        var command = Child(trace, root2, s => s.OperationName.StartsWith("command ") && s.OperationName.EndsWith(".ReserveStock"));
        var firstSend = Child(trace, command, s => s.OperationName == "send " + AsyncChannels.Orders && s.Kind == ActivityKind.Producer);
        var reserve = Child(trace, firstSend, s => s.OperationName == "process warehouse.reserve" && s.Kind == ActivityKind.Consumer);
        var @event = Child(trace, reserve, s => s.OperationName.StartsWith("event ") && s.OperationName.EndsWith(".StockReserved"));
        Child(trace, @event, s => s.OperationName == "handle StockReservedSubscribers.Count");

        var sends = trace.Where(s => s.ParentSpanId == @event.SpanId && s.Kind == ActivityKind.Producer).ToList();
        Assert.Equal(3, sends.Count);
        var processed = sends.Select(send => Child(trace, send, s => s.Kind == ActivityKind.Consumer).OperationName).Order();
        Assert.Equal(["process stock.invoice", "process stock.notify", "process stock.ship"], processed);
        Assert.All(trace.Where(s => s.Kind == ActivityKind.Consumer), s => Assert.Equal("Handled", s.GetTagItem(EstuaryTelemetry.OutcomeTag)));
    }

    [Fact]
    public async Task Counters_record_handled_retried_and_dead_lettered_messages_per_endpoint()
    {
        var measurements = new ConcurrentBag<(string Instrument, string Endpoint, long Value)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EstuaryTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var endpoint = tags.ToArray().FirstOrDefault(t => t.Key == EstuaryTelemetry.EndpointTag).Value as string ?? string.Empty;
            measurements.Add((instrument.Name, endpoint, value));
        });
        meters.Start();
        await using var host = AsyncTestHost.Create();
        host.Faults().ShippingBroken = true;

        await host.Events().PublishAsync(new StockReserved("o-m"));
        await host.Drain(AsyncChannels.Orders);

        long Sum(string instrument, string endpoint) => measurements.Where(m => m.Instrument == instrument && m.Endpoint == endpoint).Sum(m => m.Value);
        Assert.True(Sum("estuary.messages.handled", "stock.invoice") >= 1);
        Assert.True(Sum("estuary.messages.failed", "stock.ship") >= 2);
        Assert.True(Sum("estuary.messages.retried", "stock.ship") >= 1);
    }

    private static Activity Child(List<Activity> trace, Activity parent, System.Func<Activity, bool> match) =>
        Assert.Single(trace, s => s.ParentSpanId == parent.SpanId && match(s));

    private static ActivityListener Listen(ConcurrentBag<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is EstuaryTelemetry.Name or "Estuary.FunctionalTests",
            Sample = static (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
