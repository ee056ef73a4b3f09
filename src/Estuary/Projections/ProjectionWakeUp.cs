using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Wakes the host's projection worker when this process committed new events (an event-sourced
/// repository's append, after its unit of work committed), so a projection follows within a batch
/// instead of at the next poll. Events other processes append are still found by polling.
/// </summary>
internal sealed class ProjectionWakeUp
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Pulse"/>. Take it before looking for events, so a pulse meanwhile is not missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>New events committed: wakes whoever waits on <see cref="Next"/>.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
