using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Estuary.Benchmarks.Kafka;

/// <summary>
/// One invocation per iteration (each consuming iteration reads the topic with a consumer group its setup
/// joined), grouped by category so each ratio is against the Confluent.Kafka twin of the same direction, a
/// messages-per-second column, and the bytes allocated per operation on every thread (the consumer's
/// polling thread and the clients' callbacks included).
/// </summary>
public sealed class KafkaBenchmarkConfig : ManualConfig
{
    public KafkaBenchmarkConfig()
    {
        AddJob(Job.Default.WithWarmupCount(5).WithIterationCount(9).WithInvocationCount(1).WithUnrollFactor(1));
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        AddColumn(new MessagesPerSecondColumn(KafkaBenchmarks.Messages));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
