using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// A command or query handler taking <typeparamref name="TRequest"/> and producing
/// <typeparamref name="TResult"/> (<see cref="Nothing"/> when it returns nothing). A synchronous
/// endpoint overrides <see cref="Invoke"/>; an asynchronous one overrides <see cref="InvokeAsync"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RequestEndpoint<TRequest, TResult> : Endpoint, IUntypedRequestEndpoint
{
    /// <summary>Describes the endpoint.</summary>
    protected RequestEndpoint(EndpointDescription description)
        : base(description)
    {
    }

    /// <inheritdoc />
    public override Type? MessageType => Description.HasPayload ? typeof(TRequest) : null;

    /// <summary>Runs a synchronous endpoint.</summary>
    public virtual TResult Invoke(TRequest request, MessageContext context) =>
        throw new InvalidOperationException($"Endpoint {Name} is asynchronous; call InvokeAsync.");

    /// <summary>Runs the endpoint.</summary>
    public virtual ValueTask<TResult> InvokeAsync(TRequest request, MessageContext context) => new(Invoke(request, context));

    /// <inheritdoc />
    internal override async ValueTask InvokeReceivedAsync(object? message, MessageContext context)
    {
        var request = message is TRequest typed ? typed : default!;
        if (IsSynchronous)
        {
            Invoke(request, context);
            return;
        }

        await InvokeAsync(request, context).ConfigureAwait(false);
    }

    async ValueTask<object?> IUntypedRequestEndpoint.DispatchAsync(EstuaryRuntime runtime, object? payload, string? contentType, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        var request = runtime.Messages.ConvertPayload<TRequest>(payload, contentType, this);
        var result = await Dispatch.RunRequest(runtime, this, request, headers, routingKey, cancellationToken).ConfigureAwait(false);
        return typeof(TResult) == typeof(Nothing) ? null : result;
    }
}

/// <summary>Dispatch of a request whose type is only known at run time (routing keys, object sends).</summary>
internal interface IUntypedRequestEndpoint
{
    ValueTask<object?> DispatchAsync(EstuaryRuntime runtime, object? payload, string? contentType, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken);
}
