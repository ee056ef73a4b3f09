namespace Estuary.FunctionalTests.Gateways;

/// <summary>A gateway: Estuary generates the bus behind it and registers it in DI.</summary>
public interface IAuditedCommandBus : ICommandBus
{
}

/// <summary>Interceptors whose pointcut is the gateway: they run for sends through it only.</summary>
public sealed class GatewayAudit(CallLog log)
{
    [Before(Pointcut = typeof(IAuditedCommandBus))]
    public bool Audit(object message, [Header("user")] string? user)
    {
        log.Add($"audit {message.GetType().Name} by {user ?? "nobody"}");
        return user != "mallory";
    }

    [Before(Pointcut = typeof(IAuditedCommandBus), ChangeHeaders = true, Precedence = 1)]
    public static MessageHeaders Stamp(object message) => new() { ["auditor"] = "gateway" };

    [After(Pointcut = typeof(IAuditedCommandBus))]
    public void Audited(object message) => log.Add($"audited {message.GetType().Name}");
}

/// <summary>A gateway whose interceptor binds a non-text header.</summary>
public interface IMeteredCommandBus : ICommandBus
{
}

public static class MeteringInterceptor
{
    [Before(Pointcut = typeof(IMeteredCommandBus))]
    public static void Meter(object message, [Header("cost")] int cost, CallLog log) => log.Add($"metered cost={cost}");
}
