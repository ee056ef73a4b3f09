using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

// Versions and optimistic locking.
public abstract partial class DocumentStoreContract
{
    [Fact]
    public async Task Add_is_version_1_and_every_write_increments_the_version()
    {
        var collection = NewCollection();

        await Store.AddAsync(collection, "k", new Counter(1));
        Assert.Equal(new VersionedDocument<Counter>(new Counter(1), 1), await Store.FindVersionedAsync<Counter>(collection, "k"));

        await Store.UpdateAsync(collection, "k", new Counter(2));
        Assert.Equal(2L, (await Store.FindVersionedAsync<Counter>(collection, "k"))!.Version);

        await Store.UpsertAsync(collection, "k", new Counter(3));
        Assert.Equal(3L, (await Store.FindVersionedAsync<Counter>(collection, "k"))!.Version);

        Assert.Equal(4L, await Store.SaveAsync(collection, "k", new Counter(4), expectedVersion: 3));
        Assert.Equal(new VersionedDocument<Counter>(new Counter(4), 4), await Store.FindVersionedAsync<Counter>(collection, "k"));
    }

    [Fact]
    public async Task Upserting_a_new_document_is_version_1()
    {
        var collection = NewCollection();

        await Store.UpsertAsync(collection, "k", new Counter(1));

        Assert.Equal(1L, (await Store.FindVersionedAsync<Counter>(collection, "k"))!.Version);
    }

    [Fact]
    public async Task Versioned_read_of_a_missing_document_is_null()
    {
        Assert.Null(await Store.FindVersionedAsync<Counter>(NewCollection(), "k"));
    }

    [Fact]
    public async Task Save_expecting_version_0_creates_the_document_only_if_it_does_not_exist()
    {
        var collection = NewCollection();

        Assert.Equal(1L, await Store.SaveAsync(collection, "k", new Counter(1), expectedVersion: 0));
        var error = await Assert.ThrowsAsync<ConcurrencyException>(async () => await Store.SaveAsync(collection, "k", new Counter(2), expectedVersion: 0));

        Assert.Equal(0L, error.ExpectedVersion);
        Assert.Equal(1L, error.ActualVersion);
        Assert.Equal(new VersionedDocument<Counter>(new Counter(1), 1), await Store.FindVersionedAsync<Counter>(collection, "k"));
    }

    [Fact]
    public async Task Save_with_a_stale_version_throws_with_both_versions_and_changes_nothing()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "k", new Counter(1));
        await Store.UpdateAsync(collection, "k", new Counter(2));
        await Store.UpdateAsync(collection, "k", new Counter(3));

        var error = await Assert.ThrowsAsync<ConcurrencyException>(async () => await Store.SaveAsync(collection, "k", new Counter(99), expectedVersion: 2));

        Assert.Equal(collection, error.Collection);
        Assert.Equal("k", error.Id);
        Assert.Equal(2L, error.ExpectedVersion);
        Assert.Equal(3L, error.ActualVersion);
        Assert.Contains("version 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{collection}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(new VersionedDocument<Counter>(new Counter(3), 3), await Store.FindVersionedAsync<Counter>(collection, "k"));
    }

    [Fact]
    public async Task Save_of_a_missing_document_expecting_a_version_throws_with_actual_version_0()
    {
        var collection = NewCollection();

        var error = await Assert.ThrowsAsync<ConcurrencyException>(async () => await Store.SaveAsync(collection, "k", new Counter(1), expectedVersion: 1));

        Assert.Equal(1L, error.ExpectedVersion);
        Assert.Equal(0L, error.ActualVersion);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await Store.CountAsync(collection));
    }

    [Fact]
    public async Task Delete_expecting_the_current_version_removes_the_document()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "k", new Counter(1));
        await Store.UpdateAsync(collection, "k", new Counter(2));

        await Store.DeleteAsync(collection, "k", expectedVersion: 2);

        Assert.Null(await Store.FindVersionedAsync<Counter>(collection, "k"));
        Assert.Equal(0L, await Store.CountAsync(collection));
    }

    [Fact]
    public async Task Delete_with_a_stale_version_throws_and_keeps_the_document()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "k", new Counter(1));
        await Store.UpdateAsync(collection, "k", new Counter(2));

        var stale = await Assert.ThrowsAsync<ConcurrencyException>(async () => await Store.DeleteAsync(collection, "k", expectedVersion: 1));
        var missing = await Assert.ThrowsAsync<ConcurrencyException>(async () => await Store.DeleteAsync(collection, "absent", expectedVersion: 1));

        Assert.Equal((1L, 2L), (stale.ExpectedVersion, stale.ActualVersion));
        Assert.Equal(0L, missing.ActualVersion);
        Assert.Equal(new VersionedDocument<Counter>(new Counter(2), 2), await Store.FindVersionedAsync<Counter>(collection, "k"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Store.DeleteAsync(collection, "k", expectedVersion: 0));
    }

    [Fact]
    public async Task Deleted_document_starts_over_at_version_1()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "k", new Counter(1));
        await Store.UpdateAsync(collection, "k", new Counter(2));
        await Store.DeleteAsync(collection, "k");

        Assert.Equal(1L, await Store.SaveAsync(collection, "k", new Counter(3), expectedVersion: 0));
    }

    [Fact]
    public async Task Of_two_saves_expecting_the_same_version_only_the_first_wins()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "k", new Counter(0));
        var read = await Store.FindVersionedAsync<Counter>(collection, "k");

        Assert.Equal(2L, await Store.SaveAsync(collection, "k", new Counter(1), read!.Version));
        await Assert.ThrowsAsync<ConcurrencyException>(async () => await Store.SaveAsync(collection, "k", new Counter(2), read.Version));

        Assert.Equal(new VersionedDocument<Counter>(new Counter(1), 2), await Store.FindVersionedAsync<Counter>(collection, "k"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Of_concurrent_saves_expecting_the_same_version_exactly_one_wins(long expectedVersion)
    {
        const int Writers = 8;
        var collection = NewCollection();
        if (expectedVersion == 1)
        {
            await Store.AddAsync(collection, "k", new Counter(-1));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var saves = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await Store.SaveAsync(collection, "k", new Counter(writer), expectedVersion);
                return true;
            }
            catch (ConcurrencyException error) when (error.ExpectedVersion == expectedVersion && error.ActualVersion == expectedVersion + 1)
            {
                return false;
            }
        })).ToArray();
        start.SetResult();
        var won = await Task.WhenAll(saves);

        var winner = Assert.Single(Enumerable.Range(0, Writers), writer => won[writer]);
        Assert.Equal(new VersionedDocument<Counter>(new Counter(winner), expectedVersion + 1), await Store.FindVersionedAsync<Counter>(collection, "k"));
    }

    [Fact]
    public async Task Concurrent_writers_that_retry_on_conflict_lose_no_increment()
    {
        const int Writers = 6;
        const int Increments = 10;
        var collection = NewCollection();
        await Store.AddAsync(collection, "k", new Counter(0));

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Increments; i++)
            {
                while (true)
                {
                    var read = await Store.FindVersionedAsync<Counter>(collection, "k");
                    try
                    {
                        await Store.SaveAsync(collection, "k", new Counter(read!.Document.Value + 1), read.Version);
                        break;
                    }
                    catch (ConcurrencyException)
                    {
                        // Another writer saved first: read again and reapply.
                    }
                }
            }
        })));

        Assert.Equal(
            new VersionedDocument<Counter>(new Counter(Writers * Increments), 1 + (Writers * Increments)),
            await Store.FindVersionedAsync<Counter>(collection, "k"));
    }
}
