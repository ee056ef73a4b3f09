using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

// Concurrent writers of one stream: expected versions let exactly one win each version.
public abstract partial class EventStoreContract
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Of_concurrent_appends_expecting_the_same_version_exactly_one_wins_with_all_its_events(long expectedVersion)
    {
        const int Writers = 8;
        var stream = NewStream();
        if (expectedVersion > 0)
        {
            await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(-2, 2));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appends = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await Store.AppendAsync(stream, ExpectedVersion.Exactly(expectedVersion), Numbered(writer * 10, 3));
                return true;
            }
            catch (WrongExpectedVersionException error) when (error.ExpectedVersion == expectedVersion && error.ActualVersion == expectedVersion + 3)
            {
                return false;
            }
        })).ToArray();
        start.SetResult();
        var won = await Task.WhenAll(appends);

        var winner = Assert.Single(Enumerable.Range(0, Writers), writer => won[writer]);
        var appended = (await Store.ReadStreamAsync(stream)).Skip((int)expectedVersion).ToList();
        Assert.Equal([winner * 10, (winner * 10) + 1, (winner * 10) + 2], appended.Select(NumberOf));
        Assert.Equal(expectedVersion + 3, (await Store.GetStreamAsync(stream))!.Version);
    }

    [Fact]
    public async Task Concurrent_writers_that_retry_on_conflict_converge_on_one_gapless_stream()
    {
        const int Writers = 6;
        const int Appends = 8;
        var stream = NewStream();
        var versionsWon = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < Appends; i++)
            {
                var data = Numbered((writer * 100) + i);
                while (true)
                {
                    var version = (await Store.GetStreamAsync(stream))?.Version ?? 0;
                    try
                    {
                        versionsWon.Add((await Store.AppendAsync(stream, ExpectedVersion.Exactly(version), [data])).NextExpectedVersion);
                        break;
                    }
                    catch (WrongExpectedVersionException)
                    {
                        // Another writer appended first: read the version again and retry.
                    }
                }
            }
        })));

        var read = await Store.ReadStreamAsync(stream);
        Assert.Equal(Enumerable.Range(1, Writers * Appends).Select(v => (long)v), read.Select(e => e.StreamVersion));
        Assert.Equal(Enumerable.Range(1, Writers * Appends).Select(v => (long)v), versionsWon.Order());
        Assert.Equal(
            Enumerable.Range(0, Writers).SelectMany(writer => Enumerable.Range(writer * 100, Appends)).Order(),
            read.Select(NumberOf).Order());

        // Each writer's own events keep the order it appended them in.
        foreach (var writer in Enumerable.Range(0, Writers))
        {
            var own = read.Select(NumberOf).Where(n => n / 100 == writer).ToList();
            Assert.Equal(own.Order(), own);
        }
    }

    [Fact]
    public async Task Concurrent_appends_expecting_any_version_interleave_whole_and_lose_nothing()
    {
        const int Writers = 8;
        const int Appends = 5;
        var stream = NewStream();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < Appends; i++)
            {
                await Store.AppendAsync(stream, ExpectedVersion.Any, Numbered((writer * 100) + (i * 2), 2));
            }
        })));

        var read = await Store.ReadStreamAsync(stream);
        Assert.Equal(Enumerable.Range(1, Writers * Appends * 2).Select(v => (long)v), read.Select(e => e.StreamVersion));
        for (var i = 0; i < read.Count; i += 2)
        {
            // The two events of an append stay next to each other.
            Assert.Equal(NumberOf(read[i]) + 1, NumberOf(read[i + 1]));
        }
    }
}
