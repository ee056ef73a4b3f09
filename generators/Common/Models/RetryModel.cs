namespace Estuary.SourceGeneration;

/// <summary>The retry settings of a [Retry] attribute.</summary>
internal sealed record RetryModel(int Instant, int Delayed, int InitialDelayMilliseconds, double Multiplier, int MaxDelayMilliseconds);
