using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Fixtures.Aggregates;

/// <summary>
/// Holds estimates between loading their ticket and saving it until a given number have arrived, so
/// concurrent commands are known to have loaded the same version. Open when nothing is held.
/// </summary>
public sealed class TicketGate
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private TaskCompletionSource? _released;
    private int _expected;
    private int _arrived;

    /// <summary>Holds the next <paramref name="count"/> estimates until all of them are here.</summary>
    public void HoldNext(int count)
    {
        lock (_lock)
        {
            _expected = count;
            _arrived = 0;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public Task PassAsync()
    {
        lock (_lock)
        {
            if (_released is not { } released)
            {
                return Task.CompletedTask;
            }

            if (++_arrived == _expected)
            {
                _released = null;
                released.SetResult();
            }

            // Bounded, so a repository that serialises the commands fails the test instead of hanging it.
            return released.Task.WaitAsync(s_patience);
        }
    }
}
