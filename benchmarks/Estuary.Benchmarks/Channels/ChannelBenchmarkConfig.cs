using BenchmarkDotNet.Configs;

namespace Estuary.Benchmarks.Channels;

/// <summary>Adds the throughput column (<see cref="PostgresChannelBenchmarks.Messages"/> per operation) to the channel suites.</summary>
public sealed class ChannelBenchmarkConfig : ManualConfig
{
    public ChannelBenchmarkConfig() => AddColumn(new MessagesPerSecondColumn(PostgresChannelBenchmarks.Messages));
}
