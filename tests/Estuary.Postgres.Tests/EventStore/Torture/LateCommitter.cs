using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>
/// Makes the late commit that a reader by position skips happen for certain, not by luck: it appends an
/// event in a unit of work and holds the transaction open until the naive reader has read past the
/// event's position (events that other writers appended later and committed meanwhile), then commits.
/// Repeats until stopped, at least once.
/// </summary>
internal sealed class LateCommitter(IEventStore store, PostgresUnitOfWork unitOfWork, WriteLog log, NaivePositionReader naive, int seed)
{
    // Only a bound: the other writers commit events every few milliseconds.
    private static readonly TimeSpan s_maxHold = TimeSpan.FromSeconds(10);

    private readonly Random _random = new(seed);

    /// <summary>Transactions committed after the naive reader had passed their event: each one an event it misses.</summary>
    public int Passed { get; private set; }

    public int Transactions { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await CommitLateAsync(stop);
        }
        catch (Exception error)
        {
            log.Error($"late committer: {error}");
        }
    }

    private async Task CommitLateAsync(CancellationToken stop)
    {
        do
        {
            Transactions++;
            var late = new EventData(Guid.CreateVersion7(), "torture.late", Encoding.UTF8.GetBytes($"{{\"late\":{Transactions}}}"), EventMetadata.Empty);
            await unitOfWork.RunAsync(async _ =>
            {
                var position = (await store.AppendAsync($"late-{Transactions}", ExpectedVersion.NoStream, [late])).LastPosition;
                var holding = Stopwatch.StartNew();
                while (naive.LastPosition <= position && holding.Elapsed < s_maxHold)
                {
                    await Task.Delay(5);
                }

                if (naive.LastPosition > position)
                {
                    Passed++;
                }
            });
            log.Committed([late.EventId]);

            await Task.Delay(_random.Next(200, 1000), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        while (!stop.IsCancellationRequested);
    }
}
