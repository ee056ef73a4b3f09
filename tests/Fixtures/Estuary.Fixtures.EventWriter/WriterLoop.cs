using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Postgres;

namespace Estuary.Fixtures.EventWriter;

/// <summary>
/// Appends, transaction after transaction until the process is killed, one to three events to a stream of
/// its own and often one or two to a stream shared with every other writer (expecting the version it reads,
/// and the version reported on a conflict), then holds the transaction open for a while before committing.
/// The test kills the process while transactions are held: what a killed transaction appended must never
/// be read.
/// </summary>
internal sealed class WriterLoop(IEventStore store, PostgresUnitOfWork unitOfWork, string name, int sharedStreams, int seed)
{
    private const int OwnStreams = 3;
    private const int MaxConflicts = 50;

    private readonly Random _random = new(seed);

    // Versions of this loop's own streams as committed: nobody else appends to them.
    private readonly long[] _versions = new long[OwnStreams];

    public async Task RunAsync()
    {
        for (var transaction = 1; ; transaction++)
        {
            var tag = $"{name}.{transaction}";
            var own = _random.Next(OwnStreams);
            var ownEvents = NewEvents(1 + _random.Next(3));
            var appended = new List<Guid>();
            try
            {
                await unitOfWork.RunAsync(async cancellationToken =>
                {
                    await store.AppendAsync($"{name}.own-{own}", ExpectedVersion.Exactly(_versions[own]), ownEvents, cancellationToken);
                    Remember(appended, ownEvents);
                    if (sharedStreams > 0 && _random.Next(2) == 0)
                    {
                        var sharedEvents = NewEvents(1 + _random.Next(2));
                        await AppendToSharedAsync("shared-" + _random.Next(sharedStreams), sharedEvents, cancellationToken);
                        Remember(appended, sharedEvents);
                    }

                    // Announced before the commit (Console.Out flushes every line), so a kill from now on
                    // leaves the test knowing which events the killed transaction held.
                    Console.WriteLine($"appended {tag} {string.Join(',', appended)}");
                    await Task.Delay(_random.Next(20, 200), cancellationToken);
                });
            }
            catch (WrongExpectedVersionException)
            {
                Console.WriteLine($"rolledback {tag}");
                continue;
            }

            _versions[own] += ownEvents.Length;
            Console.WriteLine($"committed {tag}");
        }
    }

    private async Task AppendToSharedAsync(string stream, EventData[] events, CancellationToken cancellationToken)
    {
        var expected = (await store.GetStreamAsync(stream, cancellationToken))?.Version ?? 0;
        for (var conflicts = 0; ; conflicts++)
        {
            try
            {
                await store.AppendAsync(stream, ExpectedVersion.Exactly(expected), events, cancellationToken);
                return;
            }
            catch (WrongExpectedVersionException conflict) when (conflicts < MaxConflicts)
            {
                expected = conflict.ActualVersion;
            }
        }
    }

    private EventData[] NewEvents(int count)
    {
        var events = new EventData[count];
        for (var i = 0; i < count; i++)
        {
            var payload = Encoding.UTF8.GetBytes($"{{\"writer\":\"{name}\",\"n\":{i}}}");
            events[i] = new EventData(Guid.CreateVersion7(), "torture.written", payload, EventMetadata.Empty);
        }

        return events;
    }

    private static void Remember(List<Guid> appended, EventData[] events)
    {
        foreach (var data in events)
        {
            appended.Add(data.EventId);
        }
    }
}
