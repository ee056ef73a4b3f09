using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Channels;

/// <summary>What <see cref="IMessageChannel.SendManyAsync"/> of a channel that has all its sends in flight at once reports.</summary>
public static class SendOutcomes
{
    /// <summary>Waits for every send, then returns, per send and in order, null when it succeeded or why it failed.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async ValueTask<Exception?[]> OfAsync(Task[] sends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sends);
        try
        {
            await Task.WhenAll(sends).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Each send's own failure is read below.
        }

        cancellationToken.ThrowIfCancellationRequested();
        var failures = new Exception?[sends.Length];
        for (var i = 0; i < sends.Length; i++)
        {
            failures[i] = sends[i].Exception?.InnerException;
        }

        return failures;
    }
}
