using System;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Lifetimes;

public sealed record WhoHandles;

public sealed record WhoHandlesScoped;

public sealed record WhoHandlesScopedAsync;

public sealed record UseScopedParameter;

public sealed record ChainScoped;

/// <summary>Ids of the instances that served one dispatch.</summary>
public sealed record Served(Guid Handler, Guid ConstructorDependency, Guid ParameterDependency);

/// <summary>A scoped service; records its disposal so tests see when its scope ends.</summary>
public sealed class ScopedDependency(CallLog log) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => log.Add($"dependency disposed {Id}");
}

/// <summary>Registered by Estuary with the default (singleton) handler lifetime.</summary>
public sealed class SingletonHandler
{
    private readonly Guid _id = Guid.NewGuid();

    [QueryHandler]
    public Guid Handle(WhoHandles query) => _id;
}

/// <summary>Takes a scoped service as a parameter although the handler itself is a singleton.</summary>
public sealed class SingletonWithScopedParameter
{
    [QueryHandler]
    public Guid Handle(UseScopedParameter query, ScopedDependency dependency) => dependency.Id;
}

/// <summary>Registered scoped by the tests that use it, before AddEstuary.</summary>
public sealed class ScopedHandler(ScopedDependency dependency, IQueryBus queries, CallLog log) : IDisposable
{
    private readonly Guid _id = Guid.NewGuid();

    [QueryHandler]
    public Served Handle(WhoHandlesScoped query, ScopedDependency parameter) => new(_id, dependency.Id, parameter.Id);

    [QueryHandler]
    public async Task<Served> HandleAsync(WhoHandlesScopedAsync query, ScopedDependency parameter)
    {
        await Task.Yield();
        return new Served(_id, dependency.Id, parameter.Id);
    }

    // Sends a nested query while its own scope is open: the nested handler joins that scope.
    [QueryHandler]
    public async Task<Served[]> HandleChainAsync(ChainScoped query, ScopedDependency parameter)
    {
        var nested = await queries.SendAsync(new UseScopedParameter());
        return [new Served(_id, dependency.Id, parameter.Id), new Served(Guid.Empty, Guid.Empty, nested)];
    }

    public void Dispose() => log.Add($"handler disposed {_id}");
}
