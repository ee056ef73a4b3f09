namespace Estuary.SourceGeneration;

/// <summary>When a [Scheduled] method runs: every N milliseconds, or on a cron expression.</summary>
internal sealed record ScheduleModel(string Name, int? EveryMilliseconds, string? Cron, string? TimeZone);
