using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>
/// A writer in the test process, appending until stopped to streams of its own and to the streams
/// shared with every writer (named like the EventWriter process names them: <c>shared-N</c>), expecting
/// the version it read and reading again on <see cref="WrongExpectedVersionException"/>. An autocommit
/// writer appends on connections of its own; a transactional one appends in a unit of work that it
/// often holds open before committing, so that transactions that appended later commit first, and
/// sometimes rolls back.
/// </summary>
internal sealed class InProcessWriter(IEventStore store, PostgresUnitOfWork unitOfWork, WriteLog log, string name, bool transactional, int sharedStreams, int seed)
{
    private const int OwnStreams = 4;
    private const int MaxConflicts = 50;

    private readonly Random _random = new(seed);

    // Versions of this writer's own streams as committed: nobody else appends to them.
    private readonly long[] _versions = new long[OwnStreams];

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await (transactional ? WriteInTransactionAsync() : WriteAsync());
            }
            catch (Exception error)
            {
                log.Error($"{name}: {error}");
                return;
            }
        }
    }

    private async Task WriteAsync()
    {
        var events = NewEvents(1 + _random.Next(3));
        if (_random.Next(3) == 0)
        {
            if (await AppendToSharedAsync(events))
            {
                log.Committed(Ids(events));
            }

            return;
        }

        var own = _random.Next(OwnStreams);
        await store.AppendAsync(OwnStream(own), ExpectedVersion.Exactly(_versions[own]), events);
        _versions[own] += events.Length;
        log.Committed(Ids(events));
    }

    private async Task WriteInTransactionAsync()
    {
        var own = _random.Next(OwnStreams);
        var ownEvents = NewEvents(1 + _random.Next(3));
        var appended = new List<Guid>();

        // Half commit at once; the rest hold the transaction open while others append and commit, then
        // commit (three in ten) or roll back (two in ten).
        var decision = _random.Next(10);
        var hold = decision < 5 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(_random.Next(20, 300));
        var rollBack = decision >= 8;
        try
        {
            await unitOfWork.RunAsync(async _ =>
            {
                await store.AppendAsync(OwnStream(own), ExpectedVersion.Exactly(_versions[own]), ownEvents);
                appended.AddRange(Ids(ownEvents));
                if (_random.Next(2) == 0)
                {
                    var sharedEvents = NewEvents(1 + _random.Next(2));
                    if (await AppendToSharedAsync(sharedEvents))
                    {
                        appended.AddRange(Ids(sharedEvents));
                    }
                }

                await Task.Delay(hold);
                if (rollBack)
                {
                    throw new RolledBackOnPurpose();
                }
            });
        }
        catch (RolledBackOnPurpose)
        {
            log.RolledBack(appended);
            return;
        }
        catch
        {
            // Failed before or while committing: the test cannot tell whether these events are stored.
            log.InDoubt(appended);
            throw;
        }

        _versions[own] += ownEvents.Length;
        log.Committed(appended);
    }

    /// <summary>Appends to a shared stream at the version read, again at the version reported on a conflict; false after too many conflicts.</summary>
    private async Task<bool> AppendToSharedAsync(EventData[] events)
    {
        var stream = "shared-" + _random.Next(sharedStreams);
        var expected = (await store.GetStreamAsync(stream))?.Version ?? 0;
        for (var conflicts = 0; conflicts < MaxConflicts; conflicts++)
        {
            try
            {
                await store.AppendAsync(stream, ExpectedVersion.Exactly(expected), events);
                return true;
            }
            catch (WrongExpectedVersionException conflict)
            {
                log.Conflict();
                expected = conflict.ActualVersion;
            }
        }

        return false;
    }

    private string OwnStream(int index) => $"{name}.own-{index}";

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

    private static Guid[] Ids(EventData[] events) => Array.ConvertAll(events, data => data.EventId);

    private sealed class RolledBackOnPurpose : Exception;
}
