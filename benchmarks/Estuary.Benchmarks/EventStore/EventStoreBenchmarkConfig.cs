using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Estuary.Benchmarks.EventStore;

/// <summary>Adds the events-per-second column to the append, import and projection rebuild suites.</summary>
public sealed class EventStoreBenchmarkConfig : ManualConfig
{
    public EventStoreBenchmarkConfig() => AddColumn(new EventsPerSecondColumn());
}

/// <summary>Events written or projected per second: the events of one operation divided by the median operation time.</summary>
public sealed class EventsPerSecondColumn : IColumn
{
    public string Id => nameof(EventsPerSecondColumn);

    public string ColumnName => "Events/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Events written (appends, imports) or projected (rebuilds) per second: events per operation / Median";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { Median: > 0 } statistics && EventsPerOperation(benchmarkCase.Descriptor.Type) is > 0 and var events
            ? (events * 1e9 / statistics.Median).ToString("N0", CultureInfo.InvariantCulture)
            : "NA";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static long EventsPerOperation(Type suite) =>
        suite == typeof(AppendBenchmarks) ? AppendBenchmarks.Appends
        : suite == typeof(ImportBenchmarks) ? ImportBenchmarks.Events
        : suite == typeof(Projections.RebuildBenchmarks) || suite == typeof(Projections.PartitionedRebuildBenchmarks) ? Projections.ProjectionBenchDatabase.Events
        : 0;
}
