using Microsoft.Extensions.DependencyInjection;

namespace Estuary;

/// <summary>Host-wide settings for Estuary.</summary>
public sealed class EstuaryOptions
{
    /// <summary>
    /// The lifetime under which generated modules register handler, interceptor and gateway classes
    /// that the application has not registered itself. Singleton (the default) makes dispatch
    /// allocation-free; handlers needing scoped services should be registered scoped, and Estuary then
    /// creates one scope per dispatched message.
    /// </summary>
    public ServiceLifetime HandlerLifetime { get; set; } = ServiceLifetime.Singleton;
}
