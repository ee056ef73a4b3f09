using System.Text.Json.Serialization;
using System.Threading;

namespace Estuary.Postgres.Tests.Projections;

[NamedEvent("pg.tick")]
public sealed record Ticked(int N);

[JsonSerializable(typeof(Ticked))]
internal sealed partial class TickJson : JsonSerializerContext;

/// <summary>Counts what the projections below handled, without a statement of their own.</summary>
public sealed class TickCount
{
    private int _count;

    public int Count => _count;

    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>A projection whose handler runs no statement: what a batch costs is the engine's own cost.</summary>
[Projection("ticks_by_10", BatchSize = 10)]
[FromStream("pg-ticks")]
public static class TicksBy10
{
    [EventHandler]
    public static void On(Ticked ticked, TickCount count) => count.Add();
}

/// <summary>The same with batches ten times larger.</summary>
[Projection("ticks_by_100", BatchSize = 100)]
[FromStream("pg-ticks")]
public static class TicksBy100
{
    [EventHandler]
    public static void On(Ticked ticked, TickCount count) => count.Add();
}
