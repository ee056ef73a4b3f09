using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>
/// Starts event writer processes one after another and SIGKILLs each at a random moment, a few
/// milliseconds after it announced a transaction it now holds open (for 20 to 200 ms): the kill lands
/// mid-transaction, in that one or in another of the process's writers. Kills at least twice.
/// </summary>
internal sealed class KilledWriterProcesses(string schema, int sharedStreams, WriteLog log, int seed)
{
    private const int MinKills = 2;
    private static readonly TimeSpan s_appendTimeout = TimeSpan.FromSeconds(30);

    private readonly Random _random = new(seed);

    public int Kills { get; private set; }

    /// <summary>Transactions announced by the processes and not reported committed when they were killed.</summary>
    public int OpenAtKill { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            do
            {
                await StartAndKillAsync(stop);
            }
            while (Kills < MinKills || !stop.IsCancellationRequested);
        }
        catch (Exception error)
        {
            log.Error($"writer processes: {error}");
        }
    }

    private async Task StartAndKillAsync(CancellationToken stop)
    {
        using var writer = await EventWriterProcess.StartAsync($"p{Kills + 1}", schema, sharedStreams, log);
        await Task.Delay(_random.Next(200, 1500), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await writer.NextAppendAsync().WaitAsync(s_appendTimeout);
        await Task.Delay(_random.Next(0, 15));
        if (writer.HasExited)
        {
            throw new InvalidOperationException($"The event writer process p{Kills + 1} exited by itself. Its standard error:\n{writer.ErrorOutput}");
        }

        OpenAtKill += await writer.KillAsync();
        Kills++;
    }
}
