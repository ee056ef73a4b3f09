using System;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>
/// A reader of all events that reads page after page, of random sizes, while the writers run; once told
/// to drain (every writer stopped and every transaction ended) it stops at its second empty page in a row.
/// </summary>
internal abstract class ReaderLoop(int seed)
{
    private const int MaxBatchSize = 64;

    private readonly Random _random = new(seed);

    public int Pages { get; private set; }

    public async Task RunAsync(Task drain)
    {
        var emptyWhileDraining = 0;
        while (true)
        {
            var draining = drain.IsCompleted;
            Pages++;
            if (await ReadPageAsync(1 + _random.Next(MaxBatchSize)) > 0)
            {
                emptyWhileDraining = 0;
                continue;
            }

            if (draining && ++emptyWhileDraining == 2)
            {
                return;
            }

            await Task.Delay(_random.Next(1, 10));
        }
    }

    /// <summary>Reads the next page and records its events; returns how many there were.</summary>
    protected abstract Task<int> ReadPageAsync(int batchSize);
}
