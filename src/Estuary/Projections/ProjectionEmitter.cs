using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Emits events from a projection's handlers, in the batch's unit of work: each emitted event is
/// appended to a stream and published on the event bus, so it commits with the read model's change
/// (asynchronous subscribers get it once the batch committed; synchronous ones run in the batch) or
/// not at all. While a projection replays what it had handled before its last reset (a rebuild),
/// nothing is emitted: subscribers saw those events the first time. Take it as a handler parameter.
/// </summary>
public sealed class ProjectionEmitter(EstuaryRuntime runtime, IEventStore events)
{
    /// <summary>The stream <see cref="EmitAsync{TEvent}"/> appends to for projection <paramref name="projection"/>: <c>projection-{name}</c>.</summary>
    public static string StreamOf(string projection) => "projection-" + projection;

    /// <summary>
    /// Whether the event being handled is replayed: it was handled before the projection's last reset, or
    /// a new version of the projection is building beside the live one, so emitting is suppressed. A
    /// handler may check it to skip other side effects.
    /// </summary>
    public bool IsReplaying => Current().Replaying;

    /// <summary>Appends <paramref name="event"/> to the projection's own stream (<see cref="StreamOf"/>) and publishes it, unless replaying.</summary>
    public ValueTask EmitAsync<TEvent>(TEvent @event, CancellationToken cancellationToken = default)
        where TEvent : notnull =>
        LinkToAsync(StreamOf(Current().Projection), @event, cancellationToken);

    /// <summary>Appends <paramref name="event"/> to <paramref name="stream"/> and publishes it, unless replaying.</summary>
    public async ValueTask LinkToAsync<TEvent>(string stream, TEvent @event, CancellationToken cancellationToken = default)
        where TEvent : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentNullException.ThrowIfNull(@event);
        var handling = Current();
        if (handling.Replaying)
        {
            return;
        }

        // Caused by the stored event, in its correlation.
        var context = MessageContext.Current!;
        var metadata = new EventMetadata { CorrelationId = context.CorrelationId.ToString("D"), CausationId = handling.Recorded.EventId.ToString("D") };
        var data = await runtime.Events.SerializeAsync(@event, metadata, cancellationToken).ConfigureAwait(false);
        await events.AppendAsync(stream, ExpectedVersion.Any, [data], cancellationToken).ConfigureAwait(false);
        await ((IEventBus)runtime.RootServices.GetService(typeof(IEventBus))!).PublishObjectAsync(@event, headers: null, cancellationToken).ConfigureAwait(false);
    }

    private static ProjectionEvent Current() =>
        MessageContext.Current?.ProjectionEvent
            ?? throw new InvalidOperationException("ProjectionEmitter works in a projection's event handlers only: it emits for the stored event being handled.");
}
