using Estuary.Postgres.Tests.Flows;

namespace Estuary.Postgres.Tests.Sagas;

/// <summary>The channel of the saga flows' asynchronous handlers.</summary>
public static class SagaChannel
{
    /// <summary>
    /// The Flows handlers' channel. Every handler of this project is in one module (PostgresFlowsModule),
    /// and a host must declare each channel that module's asynchronous endpoints name: the hosts of the
    /// Flows tests declare only this one. Each test class has a schema of its own, so the saga flows'
    /// messages never meet the Flows tests' messages.
    /// </summary>
    public const string Name = AccountHandlers.Channel;
}
