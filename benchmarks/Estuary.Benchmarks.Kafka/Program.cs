using BenchmarkDotNet.Running;

// `outbox` runs the end-to-end measurement through the PostgreSQL outbox (OutboxEndToEndRunner.cs); anything
// else goes to BenchmarkDotNet: every suite in this assembly, picked with --filter (docs/benchmarks.md, "Kafka").
if (args is ["outbox", .. var options])
{
    return await Estuary.Benchmarks.Kafka.OutboxEndToEndRunner.RunAsync(options);
}

BenchmarkSwitcher.FromAssembly(typeof(Estuary.Benchmarks.Kafka.KafkaBenchmarks).Assembly).Run(args);
return 0;
