using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Estuary.Benchmarks.Dispatch.OnEstuary;

namespace Estuary.Benchmarks.Dispatch;

/// <summary>(b) Sending a query that returns a small record (a cached instance, so the handler allocates nothing).</summary>
public class SendQueryBenchmarks : DispatchBenchmark
{
    private readonly GetQuote _query = new(1);
    private readonly OnEstuaryAsync.GetQuoteAsync _queryAsync = new(1);
    private readonly OnMediator.GetQuote _mediatorQuery = new(1);
    private readonly OnMediatR.GetQuote _mediatRQuery = new(1);
    private readonly OnWolverine.GetQuote _wolverineQuery = new(1);

    [Benchmark(Baseline = true)]
    public Quote Direct() => DirectHandlers.Handle(_query);

    [Benchmark]
    public ValueTask<Quote> EstuarySync() => Queries.SendAsync(_query);

    [Benchmark]
    public ValueTask<Quote> EstuaryValueTask() => Queries.SendAsync(_queryAsync);

    [Benchmark]
    public ValueTask<Quote> Mediator() => MediatorSender.Send(_mediatorQuery);

    [Benchmark]
    public Task<Quote> MediatR() => MediatRSender.Send(_mediatRQuery);

    [Benchmark]
    public Task<Quote> Wolverine() => WolverineBus.InvokeAsync<Quote>(_wolverineQuery);

    protected override void ProbeInProcess()
    {
        Probe.Expect(Library.Direct, 1, () => Probe.Returns(Handlers.Result, Direct()));
        Probe.Expect(Library.EstuarySync, 1, () => Probe.Returns(Handlers.Result, Probe.Wait(EstuarySync())));
        Probe.Expect(Library.EstuaryValueTask, 1, () => Probe.Returns(Handlers.Result, Probe.Wait(EstuaryValueTask())));
        Probe.Expect(Library.Mediator, 1, () => Probe.Returns(Handlers.Result, Probe.Wait(Mediator())));
        Probe.Expect(Library.MediatR, 1, () => Probe.Returns(Handlers.Result, MediatR().GetAwaiter().GetResult()));
    }

    protected override void ProbeWolverine() =>
        Probe.Expect(Library.Wolverine, 1, () => Probe.Returns(Handlers.Result, Wolverine().GetAwaiter().GetResult()));
}
