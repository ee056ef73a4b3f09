using BenchmarkDotNet.Running;

// Every suite in this assembly, picked with --filter (docs/benchmarks.md, "RabbitMQ").
BenchmarkSwitcher.FromAssembly(typeof(Estuary.Benchmarks.RabbitMq.RabbitMqBenchmarks).Assembly).Run(args);
