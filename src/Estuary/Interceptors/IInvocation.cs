using System.Threading.Tasks;

namespace Estuary;

/// <summary>The handler call an <see cref="AroundAttribute"/> interceptor wraps.</summary>
public interface IInvocation
{
    /// <summary>The message being handled.</summary>
    object? Message { get; }

    /// <summary>The message's headers, including the well-known ones.</summary>
    MessageHeaders Headers { get; }

    /// <summary>A readable name of the wrapped handler, e.g. <c>OrderHandler.Place</c>.</summary>
    string EndpointName { get; }

    /// <summary>Runs the rest of the chain (inner interceptors and the handler) and returns its result.</summary>
    ValueTask<object?> ProceedAsync();
}
