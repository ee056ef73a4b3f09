using BenchmarkDotNet.Running;

// `latency` runs the PostgreSQL channel latency measurement (see Channels/LatencyRunner.cs); anything
// else goes to BenchmarkDotNet: every suite in this assembly, picked with --filter (docs/benchmarks.md).
if (args is ["latency", .. var options])
{
    return await Estuary.Benchmarks.Channels.LatencyRunner.RunAsync(options);
}

BenchmarkSwitcher.FromAssembly(typeof(Estuary.Benchmarks.Dispatch.DispatchBenchmark).Assembly).Run(args);
return 0;
