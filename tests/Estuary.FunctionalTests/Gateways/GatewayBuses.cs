using System.Threading;

namespace Estuary.FunctionalTests.Gateways;

public sealed record RecordAction(string Action);

public sealed record CountActions;

public sealed class ActionHandlers(CallLog log)
{
    private int _count;

    [CommandHandler]
    public void Record(RecordAction command, [Header("auditor")] string? auditor)
    {
        Interlocked.Increment(ref _count);
        log.Add($"handled {command.Action} auditor={auditor ?? "none"}");
    }

    [QueryHandler]
    public int Count(CountActions query) => _count;
}

/// <summary>A gateway without interceptors: a plain bus under the user's own interface.</summary>
public interface IReportingQueryBus : IQueryBus
{
}
