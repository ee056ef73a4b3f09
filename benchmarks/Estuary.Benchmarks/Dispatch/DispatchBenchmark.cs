using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Estuary.Benchmarks.Dispatch;

/// <summary>
/// What the three dispatch suites share: one container per library, built once per benchmark
/// process, and the checks that every library really calls its handler. Each suite has the rows
/// Direct (baseline), EstuarySync, EstuaryValueTask, Mediator, MediatR and Wolverine; messages are
/// allocated once, so only dispatch is measured.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public abstract class DispatchBenchmark
{
    /// <summary>The Wolverine row gets its own setup: its host compiles code and runs timers, which the other rows should not share a process with.</summary>
    protected const string WolverineRow = "Wolverine";

    private ServiceProvider? _estuary;
    private ServiceProvider? _mediator;
    private ServiceProvider? _mediatR;
    private IHost? _wolverineHost;
    private IServiceScope? _wolverineScope;
    private long[] _start = [];

    protected OnEstuary.DirectHandlers DirectHandlers { get; } = new();

    protected ICommandBus Commands { get; private set; } = null!;

    protected IQueryBus Queries { get; private set; } = null!;

    protected IEventBus Events { get; private set; } = null!;

    /// <summary>The concrete generated class: its per-message overloads are Mediator's fast path.</summary>
    protected global::Mediator.Mediator MediatorSender { get; private set; } = null!;

    protected global::MediatR.IMediator MediatRSender { get; private set; } = null!;

    protected IMessageBus WolverineBus { get; private set; } = null!;

    [GlobalSetup]
    public void SetUpInProcess()
    {
        _estuary = Hosts.Estuary();
        Commands = _estuary.GetRequiredService<ICommandBus>();
        Queries = _estuary.GetRequiredService<IQueryBus>();
        Events = _estuary.GetRequiredService<IEventBus>();

        _mediator = Hosts.Mediator();
        MediatorSender = _mediator.GetRequiredService<global::Mediator.Mediator>();

        _mediatR = Hosts.MediatR();
        MediatRSender = _mediatR.GetRequiredService<global::MediatR.IMediator>();

        ProbeInProcess();
        _start = Tally.Snapshot();
    }

    [GlobalSetup(Target = WolverineRow)]
    public void SetUpWolverine()
    {
        _wolverineHost = Hosts.Wolverine().GetAwaiter().GetResult();

        // IMessageBus is scoped; one bus for the whole run is Wolverine's cheapest use.
        _wolverineScope = _wolverineHost.Services.CreateScope();
        WolverineBus = _wolverineScope.ServiceProvider.GetRequiredService<IMessageBus>();

        ProbeWolverine();
        _start = Tally.Snapshot();
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        Probe.ExpectOneLibraryRan(_start);
        _wolverineScope?.Dispose();
        _wolverineHost?.StopAsync().GetAwaiter().GetResult();
        _wolverineHost?.Dispose();
        _estuary?.Dispose();
        _mediator?.Dispose();
        _mediatR?.Dispose();
    }

    /// <summary>Dispatches once through Direct, Estuary, Mediator and MediatR (see <see cref="Probe.Expect"/>).</summary>
    protected abstract void ProbeInProcess();

    /// <summary>Dispatches once through Wolverine.</summary>
    protected abstract void ProbeWolverine();
}
