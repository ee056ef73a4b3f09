namespace Estuary.SourceGeneration;

/// <summary>What an [Asynchronous] handler declares about its channel and deliveries.</summary>
internal sealed record AsynchronousModel(string Channel, int Priority, int? DelayMilliseconds, int? TimeToLiveMilliseconds, RetryModel? Retry, DeduplicationModel? Deduplication);
