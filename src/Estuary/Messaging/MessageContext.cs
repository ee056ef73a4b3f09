using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Estuary.Channels;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary;

/// <summary>
/// The message being handled, apart from its payload: its identity (message, correlation and
/// causation ids, timestamp) and headers. A handler or interceptor can take it as a parameter.
/// Whatever a handler sends while this message is being handled inherits its correlation id and its
/// user headers, and records its id as the causation id.
/// </summary>
/// <remarks>
/// Ids and the timestamp are assigned when first read, so in-process dispatch that never looks at
/// them costs nothing. A context is only valid while its message is being handled: copy what you
/// need (for example <see cref="Headers"/>) rather than keeping the context.
/// </remarks>
public sealed partial class MessageContext
{
    private MessageHeaders? _headers;

    // Reserved headers this message arrived with that have no field of their own (replayed,
    // message-name, traceparent, aggregate.id...): its handlers read them, nothing inherits them.
    private MessageHeaders? _reserved;

    // The headers a received message arrived with: its reserved ones are read from there, never copied.
    private IReadOnlyDictionary<string, string>? _received;
    private Guid _messageId;
    private Guid _correlationId;
    private Guid _causationId;
    private DateTimeOffset _timestamp;
    private string? _routingKey;
    private string? _contentType;
    private EstuaryRuntime? _runtime;
    private bool _released;
    private AsyncServiceScope _scope;  // assigned only together with _ownsScope
    private bool _ownsScope;
    private IServiceProvider? _scopedServices;
    private UnitOfWork? _unitOfWork;

    private MessageContext()
    {
    }

    /// <summary>The message's unique id.</summary>
    public Guid MessageId
    {
        get
        {
            if (_messageId == Guid.Empty)
            {
                _messageId = MessageIds.New(Timestamp);
            }

            return _messageId;
        }
    }

    /// <summary>The id shared by all messages of this flow; the first message's own id.</summary>
    public Guid CorrelationId => _correlationId == Guid.Empty ? MessageId : _correlationId;

    /// <summary>The id of the message whose handler sent this one, if any.</summary>
    public Guid? CausationId => _causationId == Guid.Empty ? null : _causationId;

    /// <summary>When the message was sent.</summary>
    public DateTimeOffset Timestamp
    {
        get
        {
            if (_timestamp == default)
            {
                // A received message's time is read from its header when asked: few handlers ask.
                _timestamp = TryGetReserved(MessageHeaderNames.Timestamp, out var raw) && HeaderValue.TryParsable<DateTimeOffset>(raw, out var sent)
                    ? sent
                    : Runtime.TimeProvider.GetUtcNow();
            }

            return _timestamp;
        }
    }

    /// <summary>The routing key the message was sent with, if any.</summary>
    public string? RoutingKey => _routingKey;

    /// <summary>The media type of a serialized payload sent by routing key, if any.</summary>
    public string? ContentType => _contentType;

    /// <summary>The token cancelling the dispatch of this message.</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>
    /// All headers of the message, the reserved ones (<see cref="MessageHeaderNames"/>) included.
    /// This builds a new snapshot on each call.
    /// </summary>
    public MessageHeaders Headers
    {
        get
        {
            var all = _reserved is null ? new MessageHeaders() : new MessageHeaders(_reserved);
            if (_received is not null)
            {
                foreach (var pair in _received)
                {
                    if (MessageHeaderNames.IsReserved(pair.Key))
                    {
                        all[pair.Key] = pair.Value;
                    }
                }
            }

            if (_headers is not null)
            {
                foreach (var pair in _headers)
                {
                    all[pair.Key] = pair.Value;
                }
            }

            all[MessageHeaderNames.MessageId] = MessageId;
            all[MessageHeaderNames.CorrelationId] = CorrelationId;
            if (CausationId is { } causation)
            {
                all[MessageHeaderNames.CausationId] = causation;
            }

            all[MessageHeaderNames.Timestamp] = Timestamp;
            if (_routingKey is not null)
            {
                all[MessageHeaderNames.RoutingKey] = _routingKey;
            }

            if (_contentType is not null)
            {
                all[MessageHeaderNames.ContentType] = _contentType;
            }

            return all;
        }
    }

    /// <summary>The user headers only: what propagates to messages sent while handling this one.</summary>
    public MessageHeaders? UserHeaders => _headers;

    /// <summary>
    /// The unit of work this message is handled in: the one of the asynchronous message being
    /// consumed (inherited by everything its handler sends in process), or <see langword="null"/>.
    /// </summary>
    public UnitOfWork? UnitOfWork => _unitOfWork;

    /// <summary>Services for this message: the dispatch's scope if one was needed, otherwise the root provider.</summary>
    public IServiceProvider Services => _scopedServices ?? Runtime.RootServices;

    internal EstuaryRuntime Runtime => !_released && _runtime is { } runtime ? runtime : throw NoLongerInUse();

    private static InvalidOperationException NoLongerInUse() => new("This message context is no longer in use.");

    /// <summary>Gets a header, reserved ones included, if it is present.</summary>
    public bool TryGetHeader(string name, out object? value)
    {
        switch (name)
        {
            case MessageHeaderNames.MessageId:
                value = MessageId;
                return true;
            case MessageHeaderNames.CorrelationId:
                value = CorrelationId;
                return true;
            case MessageHeaderNames.CausationId:
                value = CausationId;
                return value is not null;
            case MessageHeaderNames.Timestamp:
                value = Timestamp;
                return true;
            case MessageHeaderNames.RoutingKey:
                value = _routingKey;
                return value is not null;
            case MessageHeaderNames.ContentType:
                value = _contentType;
                return value is not null;
            default:
                if (_headers is not null && _headers.TryGetValue(name, out value))
                {
                    return true;
                }

                if (MessageHeaderNames.IsReserved(name) && TryGetReserved(name, out value))
                {
                    return true;
                }

                value = null;
                return false;
        }
    }

    /// <summary>Adds or replaces user headers of the message being handled (used by header-changing interceptors).</summary>
    public void MergeHeaders(MessageHeaders? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return;
        }

        // Copy on write: the current set may be shared with the sender or with sibling messages.
        _headers = MessageHeaders.Merge(_headers, headers.WithoutReserved());
    }

    /// <summary>
    /// Gets a service for the handler. Singletons are resolved once per host and cached; other
    /// lifetimes come from a scope that lives as long as the dispatch of the outermost message.
    /// </summary>
    public T GetService<T>()
        where T : notnull => (T)Runtime.Services.Get(ServiceSlots.Of<T>(), this);

    /// <summary>Gets the service in a slot from <see cref="ServiceSlots"/>; used by generated endpoints.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public object GetService(int slot) => Runtime.Services.Get(slot, this);

    /// <summary>Puts back user headers saved before a subscriber ran (changes are copy-on-write, so the saved set is intact).</summary>
    internal void RestoreHeaders(MessageHeaders? headers) => SetIfChanged(ref _headers, headers);

    internal IServiceProvider ScopedServices()
    {
        if (_scopedServices is null)
        {
            _scope = Runtime.RootServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            _ownsScope = true;
            _scopedServices = _scope.ServiceProvider;
        }

        return _scopedServices;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Initialize(EstuaryRuntime runtime, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken, MessageContext? parent)
    {
        // Every field is assigned here, so a reused context needs no clearing beyond what ExitSync
        // does. References that are usually null are written only when they change, which spares
        // the GC write barrier on the hot path.
        _released = false;
        SetIfChanged(ref _runtime, runtime);
        SetIfChanged(ref _routingKey, routingKey);
        SetIfChanged(ref _contentType, null);
        if (!CancellationToken.Equals(cancellationToken))
        {
            CancellationToken = cancellationToken;
        }

        // The message id, timestamp, headers and scope ownership are already clear: a new context
        // starts that way and a reused one is cleared when it is left (ExitSync).
        if (parent is null && headers is null)
        {
            _correlationId = default;
            _causationId = default;
            SetIfChanged(ref _scopedServices, null);
            SetIfChanged(ref _unitOfWork, null);
            return;
        }

        InheritAndApply(runtime, headers, parent);
    }

    private void InheritAndApply(EstuaryRuntime runtime, MessageHeaders? headers, MessageContext? parent)
    {
        SetIfChanged(ref _reserved, null);
        if (parent is not null && !parent._released && ReferenceEquals(parent._runtime, runtime))
        {
            _correlationId = parent.CorrelationId;
            _causationId = parent.MessageId;
            SetIfChanged(ref _scopedServices, parent._scopedServices);
            SetIfChanged(ref _headers, parent._headers);
            SetIfChanged(ref _unitOfWork, parent._unitOfWork);
        }
        else
        {
            _correlationId = default;
            _causationId = default;
            SetIfChanged(ref _scopedServices, null);
            SetIfChanged(ref _headers, null);
            SetIfChanged(ref _unitOfWork, null);
        }

        if (headers is not null && headers.Count > 0)
        {
            ApplyExplicitHeaders(headers);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetIfChanged<T>(ref T? field, T? value)
        where T : class
    {
        if (!ReferenceEquals(field, value))
        {
            field = value;
        }
    }

    private void ApplyExplicitHeaders(MessageHeaders headers)
    {
        _headers = MessageHeaders.Merge(_headers, headers.Split(out _reserved));
        ApplyIdentity();
    }

    /// <summary>
    /// The identity the message's reserved headers give (its ids and content type), for headers given to a
    /// send and for a received message alike. The timestamp stays in the reserved headers until
    /// <see cref="Timestamp"/> is read.
    /// </summary>
    private void ApplyIdentity()
    {
        if (_reserved is null && _received is null)
        {
            return;
        }

        // A received message's id is known already (its channel read it).
        TryGetReserved(MessageHeaderNames.MessageId, out var id);
        if (_messageId == Guid.Empty && id is not null && HeaderValue.TryGetGuid(id, out var messageId))
        {
            _messageId = messageId;
        }

        if (TryGetReserved(MessageHeaderNames.CorrelationId, out var correlation))
        {
            // The very text of the id (a channel shares it): the message starts its flow, nothing to parse.
            if (id is string && ReferenceEquals(correlation, id) && _messageId != Guid.Empty)
            {
                _correlationId = _messageId;
            }
            else if (HeaderValue.TryGetGuid(correlation, out var correlationId))
            {
                _correlationId = correlationId;
            }
        }

        if (TryGetReserved(MessageHeaderNames.CausationId, out var causation) && HeaderValue.TryGetGuid(causation, out var causationId))
        {
            _causationId = causationId;
        }

        if (TryGetReserved(MessageHeaderNames.ContentType, out var contentType) && contentType is string mediaType)
        {
            _contentType = mediaType;
        }
    }

    /// <summary>A reserved header of this message: given to its send, or received with it.</summary>
    private bool TryGetReserved(string name, out object? value)
    {
        if (_reserved is not null && _reserved.TryGetValue(name, out value))
        {
            return true;
        }

        if (_received is not null && _received.TryGetValue(name, out var text))
        {
            value = text;
            return true;
        }

        value = null;
        return false;
    }
}
