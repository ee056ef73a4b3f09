using BenchmarkDotNet.Running;

// `latency` runs the PostgreSQL channel latency measurement (see Channels/LatencyRunner.cs), `eventstore`
// the event store's round-trip count and append latency (EventStore/EventStoreRunner.cs), `projections`
// the round trips and connections of a projection rebuild (Projections/ProjectionRoundTripRunner.cs),
// `projection-lag` the live lag of a projection under a paced writer (Projections/ProjectionLagRunner.cs); anything
// else goes to BenchmarkDotNet: every suite in this assembly, picked with --filter (docs/benchmarks.md).
if (args is ["latency", .. var options])
{
    return await Estuary.Benchmarks.Channels.LatencyRunner.RunAsync(options);
}

if (args is ["eventstore", .. var eventStoreOptions])
{
    return await Estuary.Benchmarks.EventStore.EventStoreRunner.RunAsync(eventStoreOptions);
}

if (args is ["projection-lag", .. var lagOptions])
{
    return await Estuary.Benchmarks.Projections.ProjectionLagRunner.RunAsync(lagOptions);
}

if (args is ["projections"])
{
    return await Estuary.Benchmarks.Projections.ProjectionRoundTripRunner.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(Estuary.Benchmarks.Dispatch.DispatchBenchmark).Assembly).Run(args);
return 0;
