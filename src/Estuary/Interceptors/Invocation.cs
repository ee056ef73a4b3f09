using System;
using System.ComponentModel;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// The chain an endpoint with <see cref="AroundAttribute"/> interceptors runs: each step is an
/// interceptor, and the last step calls the handler. Calling <see cref="ProceedAsync"/> more than
/// once (a retrying interceptor) re-runs the inner steps.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Invocation : IInvocation
{
    private readonly Func<Invocation, ValueTask<object?>>[] _steps;
    private int _position;

    /// <summary>Starts a chain at its first step.</summary>
    public Invocation(object? message, MessageContext context, Endpoint endpoint, Func<Invocation, ValueTask<object?>>[] steps)
    {
        Message = message;
        Context = context;
        Endpoint = endpoint;
        _steps = steps;
        _position = -1;
    }

    /// <inheritdoc />
    public object? Message { get; }

    /// <summary>The message's context.</summary>
    public MessageContext Context { get; }

    /// <summary>The endpoint being run.</summary>
    public Endpoint Endpoint { get; }

    /// <inheritdoc />
    public MessageHeaders Headers => Context.Headers;

    /// <inheritdoc />
    public string EndpointName => Endpoint.Name;

    /// <inheritdoc />
    public async ValueTask<object?> ProceedAsync()
    {
        var current = _position;
        if (current + 1 >= _steps.Length)
        {
            throw new InvalidOperationException($"The handler of {Endpoint.Name} has already been reached; ProceedAsync has no further step.");
        }

        _position = current + 1;
        try
        {
            return await _steps[current + 1](this).ConfigureAwait(false);
        }
        finally
        {
            _position = current;
        }
    }
}
