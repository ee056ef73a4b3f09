using Estuary.Runtime;

namespace Estuary.Testing;

/// <summary>
/// The bus a test host registers for <see cref="ICommandBus"/>, <see cref="IQueryBus"/> and
/// <see cref="IEventBus"/>. Handlers get their buses from the same container, so their sends pass
/// through it too. It declares interceptors only so that every send, generated overloads included,
/// takes the path that calls <see cref="OnSending"/>; it runs none.
/// </summary>
internal sealed class RecordingBus(EstuaryRuntime runtime, RecordedTraffic recorded) : MessageBus(runtime, hasInterceptors: true)
{
    protected override void OnSending(EndpointKind kind, object? payload, string? routingKey, MessageHeaders? headers) =>
        // Copied: the caller may reuse its headers object for the next send.
        recorded.Record(new RecordedMessage(kind, payload, routingKey, headers is null ? null : new MessageHeaders(headers)));
}
