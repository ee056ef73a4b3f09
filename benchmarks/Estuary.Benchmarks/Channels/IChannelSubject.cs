using System;
using System.Threading.Tasks;

namespace Estuary.Benchmarks.Channels;

/// <summary>
/// One library set up on the PostgreSQL queue: its consumers run in the background from start to
/// dispose, with the given number of messages handled at once.
/// </summary>
public interface IChannelSubject : IAsyncDisposable
{
    /// <summary>The library's name, as shown in the results.</summary>
    string Library { get; }

    /// <summary>The table the handler writes its effect row to.</summary>
    string EffectTable { get; }

    /// <summary>
    /// Sends message <paramref name="sequence"/> in a transaction of its own and returns the
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp taken when that transaction had committed.
    /// </summary>
    Task<long> SendAsync(long sequence);

    /// <summary>
    /// After an operation of <paramref name="messages"/> messages: fails if the queue still holds
    /// messages, any failed, or the library's own record of handled messages (written in the handler's
    /// transaction) does not count <paramref name="messages"/>; then removes that record and the effect
    /// rows, so every operation starts from the same state.
    /// </summary>
    Task VerifyAndResetAsync(int messages);
}
