using BenchmarkDotNet.Running;

// `outbox` runs the end-to-end measurement through the PostgreSQL outbox (OutboxEndToEndRunner.cs); anything
// else goes to BenchmarkDotNet: every suite in this assembly, picked with --filter (docs/benchmarks.md, "Kafka").
if (args is ["outbox", .. var options])
{
    return await Estuary.Benchmarks.Kafka.OutboxEndToEndRunner.RunAsync(options);
}

if (args is ["probe", var n, .. var rest]) { await Estuary.Benchmarks.Kafka.Probe.RunAsync(int.Parse(n), rest.Length > 0 ? int.Parse(rest[0]) : null); return 0; }

if (args is ["probe2", var r]) { await Estuary.Benchmarks.Kafka.Probe2.RunAsync(int.Parse(r)); return 0; }

if (args is ["probe3", var pe]) { await Estuary.Benchmarks.Kafka.Probe3.RunAsync(int.Parse(pe)); return 0; }

BenchmarkSwitcher.FromAssembly(typeof(Estuary.Benchmarks.Kafka.KafkaBenchmarks).Assembly).Run(args);
return 0;
