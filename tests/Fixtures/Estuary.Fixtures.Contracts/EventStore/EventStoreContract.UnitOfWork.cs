using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

// Units of work: a handler's appends commit with it or not at all.
public abstract partial class EventStoreContract
{
    [Fact]
    public async Task Appends_of_a_unit_of_work_that_completes_are_kept()
    {
        var existing = NewStream();
        var created = NewStream();
        await Store.AppendAsync(existing, ExpectedVersion.NoStream, Numbered(1, 2));

        await InUnitOfWorkAsync(async () =>
        {
            await Store.AppendAsync(existing, ExpectedVersion.Exactly(2), Numbered(3, 2));
            await Store.AppendAsync(created, ExpectedVersion.NoStream, Numbered(10, 1));
        });

        Assert.Equal([1, 2, 3, 4], (await Store.ReadStreamAsync(existing)).Select(NumberOf));
        Assert.Equal(1L, (await Store.GetStreamAsync(created))!.Version);
    }

    [Fact]
    public async Task Appends_of_a_unit_of_work_that_throws_are_undone_versions_included()
    {
        var existing = NewStream();
        var created = NewStream();
        await Store.AppendAsync(existing, ExpectedVersion.NoStream, Numbered(1, 2));

        await Assert.ThrowsAsync<AttemptFailed>(() => InUnitOfWorkAsync(async () =>
        {
            await Store.AppendAsync(existing, ExpectedVersion.Exactly(2), Numbered(3, 2));
            await Store.AppendAsync(existing, ExpectedVersion.Any, Numbered(5, 1));
            await Store.AppendAsync(created, ExpectedVersion.NoStream, Numbered(10, 3));
            throw new AttemptFailed();
        }));

        Assert.Equal([1, 2], (await Store.ReadStreamAsync(existing)).Select(NumberOf));
        Assert.Equal(2L, (await Store.GetStreamAsync(existing))!.Version);
        Assert.Null(await Store.GetStreamAsync(created));
        Assert.Empty(await Store.ReadStreamAsync(created));

        // The versions the failed attempt took are free again.
        Assert.Equal(3L, (await Store.AppendAsync(existing, ExpectedVersion.Exactly(2), [Numbered(3)])).NextExpectedVersion);
        Assert.Equal(1L, (await Store.AppendAsync(created, ExpectedVersion.NoStream, [Numbered(10)])).NextExpectedVersion);
    }

    [Fact]
    public async Task Events_of_a_unit_of_work_that_throws_are_never_read_by_readers_of_all_events()
    {
        var undone = NewStream("undone");
        var marker = NewStream("marker");

        await Assert.ThrowsAsync<AttemptFailed>(() => InUnitOfWorkAsync(async () =>
        {
            await Store.AppendAsync(undone, ExpectedVersion.NoStream, Numbered(1, 2));
            throw new AttemptFailed();
        }));
        await Store.AppendAsync(marker, ExpectedVersion.NoStream, Numbered(3, 1));

        var all = await ReadAllOfAsync([undone, marker], expected: 1);

        Assert.Equal(marker, Assert.Single(all).StreamId);
    }

    [Fact]
    public async Task Reads_in_a_unit_of_work_see_its_own_appends()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 1));

        await InUnitOfWorkAsync(async () =>
        {
            await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), Numbered(2, 2));

            Assert.Equal([1, 2, 3], (await Store.ReadStreamAsync(stream)).Select(NumberOf));
            Assert.Equal([3, 2, 1], (await Store.ReadStreamAsync(stream, ReadDirection.Backwards)).Select(NumberOf));
            Assert.Equal(3L, (await Store.GetStreamAsync(stream))!.Version);
        });
    }

    [Fact]
    public async Task A_wrong_expected_version_in_a_unit_of_work_leaves_it_usable()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 2));

        await InUnitOfWorkAsync(async () =>
        {
            var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(async () => await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(99)]));
            await Store.AppendAsync(stream, ExpectedVersion.Exactly(error.ActualVersion), [Numbered(3)]);
        });

        Assert.Equal([1, 2, 3], (await Store.ReadStreamAsync(stream)).Select(NumberOf));
    }

    /// <summary>The failure that makes a test's unit of work roll back.</summary>
    protected sealed class AttemptFailed() : Exception("The attempt failed, so its unit of work rolls back.");
}
