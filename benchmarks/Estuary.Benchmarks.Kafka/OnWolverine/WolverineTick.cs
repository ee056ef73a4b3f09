namespace Estuary.Benchmarks.Kafka.OnWolverine;

/// <summary>Wolverine's copy of <see cref="Tick"/>: a type of its own, so each library finds only its own handler.</summary>
public sealed record WolverineTick(int Sequence);

/// <summary>Wolverine's handler: counts the tick, as Estuary's <see cref="TickHandler"/> does.</summary>
public static class WolverineTickHandler
{
    public static void Handle(WolverineTick tick, TickCounter counter) => counter.Hit();
}
