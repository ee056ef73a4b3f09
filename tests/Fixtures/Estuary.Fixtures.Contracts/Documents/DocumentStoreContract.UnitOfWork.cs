using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

// Units of work: a handler's document changes commit with it or not at all.
public abstract partial class DocumentStoreContract
{
    [Fact]
    public async Task Writes_of_a_unit_of_work_that_completes_are_kept()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "updated", new Counter(1));
        await Store.AddAsync(collection, "deleted", new Counter(1));

        await InUnitOfWorkAsync(async () =>
        {
            await Store.AddAsync(collection, "added", new Counter(1));
            await Store.UpdateAsync(collection, "updated", new Counter(2));
            await Store.DeleteAsync(collection, "deleted");
            await Store.SaveAsync(collection, "saved", new Counter(5), expectedVersion: 0);
        });

        Assert.Equal(new VersionedDocument<Counter>(new Counter(1), 1), await Store.FindVersionedAsync<Counter>(collection, "added"));
        Assert.Equal(new VersionedDocument<Counter>(new Counter(2), 2), await Store.FindVersionedAsync<Counter>(collection, "updated"));
        Assert.Null(await Store.FindAsync<Counter>(collection, "deleted"));
        Assert.Equal(new VersionedDocument<Counter>(new Counter(5), 1), await Store.FindVersionedAsync<Counter>(collection, "saved"));
    }

    [Fact]
    public async Task Writes_of_a_unit_of_work_that_throws_are_undone_versions_included()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "updated", new Counter(1));
        await Store.AddAsync(collection, "upserted", new Counter(1));
        await Store.AddAsync(collection, "saved", new Counter(1));
        await Store.AddAsync(collection, "deleted", new Counter(1));

        await Assert.ThrowsAsync<AttemptFailed>(() => InUnitOfWorkAsync(async () =>
        {
            await Store.AddAsync(collection, "added", new Counter(1));
            await Store.UpdateAsync(collection, "added", new Counter(2));
            await Store.UpdateAsync(collection, "updated", new Counter(2));
            await Store.UpsertAsync(collection, "upserted", new Counter(2));
            await Store.UpsertAsync(collection, "upserted-new", new Counter(1));
            await Store.SaveAsync(collection, "saved", new Counter(2), expectedVersion: 1);
            await Store.DeleteAsync(collection, "deleted");
            throw new AttemptFailed();
        }));

        Assert.Null(await Store.FindAsync<Counter>(collection, "added"));
        Assert.Null(await Store.FindAsync<Counter>(collection, "upserted-new"));
        foreach (var id in new[] { "updated", "upserted", "saved", "deleted" })
        {
            Assert.Equal(new VersionedDocument<Counter>(new Counter(1), 1), await Store.FindVersionedAsync<Counter>(collection, id));
        }

        Assert.Equal(4L, await Store.CountAsync(collection));

        // The version the failed attempt wrote was undone with it: saving against the original version still works.
        Assert.Equal(2L, await Store.SaveAsync(collection, "saved", new Counter(3), expectedVersion: 1));
    }

    [Fact]
    public async Task Dropping_a_collection_in_a_unit_of_work_that_throws_is_undone()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "a", new Counter(1));
        await Store.AddAsync(collection, "b", new Counter(2));

        await Assert.ThrowsAsync<AttemptFailed>(() => InUnitOfWorkAsync(async () =>
        {
            await Store.DropCollectionAsync(collection);
            Assert.Equal(0L, await Store.CountAsync(collection));
            await Store.AddAsync(collection, "a", new Counter(10));
            throw new AttemptFailed();
        }));

        Assert.Equal([new Counter(1), new Counter(2)], await AllAsync<Counter>(collection));
        Assert.Equal(1L, (await Store.FindVersionedAsync<Counter>(collection, "a"))!.Version);
    }

    [Fact]
    public async Task Reads_in_a_unit_of_work_see_its_own_writes()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "a", new Counter(1));

        await InUnitOfWorkAsync(async () =>
        {
            await Store.AddAsync(collection, "b", new Counter(2));
            await Store.UpdateAsync(collection, "a", new Counter(3));

            Assert.Equal(new VersionedDocument<Counter>(new Counter(3), 2), await Store.FindVersionedAsync<Counter>(collection, "a"));
            Assert.Equal(new Counter(2), await Store.GetAsync<Counter>(collection, "b"));
            Assert.Equal(2L, await Store.CountAsync(collection));
            Assert.Equal([new Counter(3), new Counter(2)], await AllAsync<Counter>(collection));
        });
    }

    [Fact]
    public async Task Writing_while_enumerating_in_a_unit_of_work_works_and_is_kept()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "a", new Counter(1));
        await Store.AddAsync(collection, "b", new Counter(2));

        var seen = new List<Counter>();
        await InUnitOfWorkAsync(async () =>
        {
            await foreach (var counter in Store.AllAsync<Counter>(collection))
            {
                seen.Add(counter);
                await Store.AddAsync(collection, "copy-" + counter.Value, counter);
            }
        });

        Assert.Equal([new Counter(1), new Counter(2)], seen);
        Assert.Equal([new Counter(1), new Counter(2), new Counter(1), new Counter(2)], await AllAsync<Counter>(collection));
    }

    /// <summary>The failure that makes a test's unit of work roll back.</summary>
    protected sealed class AttemptFailed() : Exception("The attempt failed, so its unit of work rolls back.");
}
