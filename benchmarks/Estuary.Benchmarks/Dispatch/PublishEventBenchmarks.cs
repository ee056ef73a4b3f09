using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Estuary.Benchmarks.Dispatch;

/// <summary>(c) Publishing an event to two handlers.</summary>
public class PublishEventBenchmarks : DispatchBenchmark
{
    private readonly OnEstuary.PriceChanged _event = new(1);
    private readonly OnEstuaryAsync.PriceChangedAsync _eventAsync = new(1);
    private readonly OnMediator.PriceChanged _mediatorEvent = new(1);
    private readonly OnMediatR.PriceChanged _mediatREvent = new(1);
    private readonly OnWolverine.PriceChanged _wolverineEvent = new(1);

    [Benchmark(Baseline = true)]
    public void Direct()
    {
        DirectHandlers.Reprice(_event);
        DirectHandlers.Notify(_event);
    }

    [Benchmark]
    public ValueTask EstuarySync() => Events.PublishAsync(_event);

    [Benchmark]
    public ValueTask EstuaryValueTask() => Events.PublishAsync(_eventAsync);

    [Benchmark]
    public ValueTask Mediator() => MediatorSender.Publish(_mediatorEvent);

    [Benchmark]
    public Task MediatR() => MediatRSender.Publish(_mediatREvent);

    // Wolverine's PublishAsync only enqueues to a local queue; InvokeAsync runs the (combined)
    // handlers inline and completes when they have, which is what the other rows measure.
    [Benchmark]
    public Task Wolverine() => WolverineBus.InvokeAsync(_wolverineEvent);

    protected override void ProbeInProcess()
    {
        Probe.Expect(Library.Direct, 2, Direct);
        Probe.Expect(Library.EstuarySync, 2, () => Probe.Wait(EstuarySync()));
        Probe.Expect(Library.EstuaryValueTask, 2, () => Probe.Wait(EstuaryValueTask()));
        Probe.Expect(Library.Mediator, 2, () => Probe.Wait(Mediator()));
        Probe.Expect(Library.MediatR, 2, () => MediatR().GetAwaiter().GetResult());
    }

    protected override void ProbeWolverine() =>
        Probe.Expect(Library.Wolverine, 2, () => Wolverine().GetAwaiter().GetResult());
}
