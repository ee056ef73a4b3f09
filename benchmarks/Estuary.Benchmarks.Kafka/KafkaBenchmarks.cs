namespace Estuary.Benchmarks.Kafka;
public class KafkaBenchmarks { public const string Channel = "ticks"; }
public sealed record Stamped(int Sequence, long SentAt);
