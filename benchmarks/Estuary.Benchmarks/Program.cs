using BenchmarkDotNet.Running;

// Every suite in this assembly; pick with --filter (see docs/benchmarks.md).
BenchmarkSwitcher.FromAssembly(typeof(Estuary.Benchmarks.Dispatch.DispatchBenchmark).Assembly).Run(args);
