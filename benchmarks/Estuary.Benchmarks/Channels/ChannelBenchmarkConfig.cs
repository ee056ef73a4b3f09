using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Estuary.Benchmarks.Channels;

/// <summary>Adds the throughput column to the channel suites.</summary>
public sealed class ChannelBenchmarkConfig : ManualConfig
{
    public ChannelBenchmarkConfig() => AddColumn(new MessagesPerSecondColumn());
}

/// <summary>Messages handled per second: <see cref="PostgresChannelBenchmarks.Messages"/> divided by the median operation time.</summary>
public sealed class MessagesPerSecondColumn : IColumn
{
    public string Id => nameof(MessagesPerSecondColumn);

    public string ColumnName => "Msg/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Messages handled per second: {PostgresChannelBenchmarks.Messages} messages per operation / Median";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { Median: > 0 } statistics
            ? (PostgresChannelBenchmarks.Messages * 1e9 / statistics.Median).ToString("N0", CultureInfo.InvariantCulture)
            : "NA";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
