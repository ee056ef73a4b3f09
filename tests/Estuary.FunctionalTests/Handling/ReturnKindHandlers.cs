using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Handling;

public sealed record VoidCommand(string Id);

public sealed record TaskCommand(string Id);

public sealed record ValueTaskCommand(string Id);

public sealed record ValueQuery(int Input);

public sealed record TaskOfTQuery(int Input);

public sealed record ValueTaskOfTQuery(int Input);

public sealed record CompletedValueTaskOfTQuery(int Input);

/// <summary>
/// One handler per return kind. The asynchronous ones really suspend (Task.Yield, then a delay),
/// and record only after resuming, so a dispatch that did not await them would miss the entry.
/// </summary>
public sealed class ReturnKindHandlers(CallLog log)
{
    [CommandHandler]
    public void HandleVoid(VoidCommand command) => log.Add($"void {command.Id}");

    [CommandHandler]
    public async Task HandleTask(TaskCommand command)
    {
        await Task.Yield();
        await Task.Delay(5);
        log.Add($"task {command.Id}");
    }

    [CommandHandler]
    public async ValueTask HandleValueTask(ValueTaskCommand command)
    {
        await Task.Yield();
        await Task.Delay(5);
        log.Add($"valuetask {command.Id}");
    }

    [QueryHandler]
    public int HandleValue(ValueQuery query) => query.Input * 2;

    [QueryHandler]
    public async Task<int> HandleTaskOfT(TaskOfTQuery query)
    {
        await Task.Yield();
        await Task.Delay(5);
        return query.Input * 3;
    }

    [QueryHandler]
    public async ValueTask<int> HandleValueTaskOfT(ValueTaskOfTQuery query)
    {
        await Task.Yield();
        await Task.Delay(5);
        return query.Input * 4;
    }

    // Declared asynchronous but completes synchronously.
    [QueryHandler]
    public ValueTask<int> HandleCompletedValueTaskOfT(CompletedValueTaskOfTQuery query) => new(query.Input * 5);
}
