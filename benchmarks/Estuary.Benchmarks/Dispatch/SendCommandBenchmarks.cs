using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Estuary.Benchmarks.Dispatch;

/// <summary>(a) Sending a command whose handler returns nothing.</summary>
public class SendCommandBenchmarks : DispatchBenchmark
{
    private readonly OnEstuary.Ping _ping = new(1);
    private readonly OnEstuaryAsync.PingAsync _pingAsync = new(1);
    private readonly OnMediator.Ping _mediatorPing = new(1);
    private readonly OnMediatR.Ping _mediatRPing = new(1);
    private readonly OnWolverine.Ping _wolverinePing = new(1);

    [Benchmark(Baseline = true)]
    public void Direct() => DirectHandlers.Handle(_ping);

    [Benchmark]
    public ValueTask EstuarySync() => Commands.SendAsync(_ping);

    [Benchmark]
    public ValueTask EstuaryValueTask() => Commands.SendAsync(_pingAsync);

    [Benchmark]
    public ValueTask<global::Mediator.Unit> Mediator() => MediatorSender.Send(_mediatorPing);

    [Benchmark]
    public Task<global::MediatR.Unit> MediatR() => MediatRSender.Send(_mediatRPing);

    [Benchmark]
    public Task Wolverine() => WolverineBus.InvokeAsync(_wolverinePing);

    protected override void ProbeInProcess()
    {
        Probe.Expect(Library.Direct, 1, Direct);
        Probe.Expect(Library.EstuarySync, 1, () => Probe.Wait(EstuarySync()));
        Probe.Expect(Library.EstuaryValueTask, 1, () => Probe.Wait(EstuaryValueTask()));
        Probe.Expect(Library.Mediator, 1, () => Probe.Wait(Mediator()));
        Probe.Expect(Library.MediatR, 1, () => MediatR().GetAwaiter().GetResult());
    }

    protected override void ProbeWolverine() =>
        Probe.Expect(Library.Wolverine, 1, () => Wolverine().GetAwaiter().GetResult());
}
