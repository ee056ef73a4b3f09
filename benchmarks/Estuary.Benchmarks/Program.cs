using BenchmarkDotNet.Running;

// `latency` runs the PostgreSQL channel latency measurement (see Channels/LatencyRunner.cs), `eventstore`
// the event store's round-trip count and append latency (EventStore/EventStoreRunner.cs); anything
// else goes to BenchmarkDotNet: every suite in this assembly, picked with --filter (docs/benchmarks.md).
if (args is ["latency", .. var options])
{
    return await Estuary.Benchmarks.Channels.LatencyRunner.RunAsync(options);
}

if (args is ["eventstore", .. var eventStoreOptions])
{
    return await Estuary.Benchmarks.EventStore.EventStoreRunner.RunAsync(eventStoreOptions);
}

BenchmarkSwitcher.FromAssembly(typeof(Estuary.Benchmarks.Dispatch.DispatchBenchmark).Assembly).Run(args);
return 0;
