using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Estuary.Benchmarks.RabbitMq;

/// <summary>
/// One invocation per iteration (each consuming iteration starts from a queue its setup filled), grouped by
/// category so each ratio is against the RabbitMQ.Client twin of the same direction, and a messages-per-second column.
/// </summary>
public sealed class RabbitMqBenchmarkConfig : ManualConfig
{
    public RabbitMqBenchmarkConfig()
    {
        AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(9).WithInvocationCount(1).WithUnrollFactor(1));
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        AddColumn(new MessagesPerSecondColumn(RabbitMqBenchmarks.Messages));
    }
}
