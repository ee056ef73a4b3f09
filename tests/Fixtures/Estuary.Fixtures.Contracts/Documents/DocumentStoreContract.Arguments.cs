using System;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

// Arguments are checked before anything is stored.
public abstract partial class DocumentStoreContract
{
    [Theory]
    [InlineData(null, "id", "collection")]
    [InlineData("", "id", "collection")]
    [InlineData("customers", null, "id")]
    [InlineData("customers", "", "id")]
    public async Task Missing_collection_or_id_is_refused_by_every_operation(string? collection, string? id, string parameter)
    {
        var customer = new Customer("Ada", 1);
        Func<Task>[] operations =
        [
            async () => await Store.AddAsync(collection!, id!, customer),
            async () => await Store.UpdateAsync(collection!, id!, customer),
            async () => await Store.UpsertAsync(collection!, id!, customer),
            async () => await Store.SaveAsync(collection!, id!, customer, 0),
            async () => await Store.DeleteAsync(collection!, id!),
            async () => await Store.GetAsync<Customer>(collection!, id!),
            async () => await Store.FindAsync<Customer>(collection!, id!),
            async () => await Store.FindVersionedAsync<Customer>(collection!, id!),
        ];

        foreach (var operation in operations)
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(operation);
            Assert.Equal(parameter, error.ParamName);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Missing_collection_is_refused_by_collection_operations(string? collection)
    {
        Func<Task>[] operations =
        [
            async () =>
            {
                await foreach (var customer in Store.AllAsync<Customer>(collection!))
                {
                    Assert.Fail($"Enumerated {customer} from a collection without a name.");
                }
            },
            async () => await Store.CountAsync(collection!),
            async () => await Store.DropCollectionAsync(collection!),
        ];

        foreach (var operation in operations)
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(operation);
            Assert.Equal("collection", error.ParamName);
        }
    }

    [Fact]
    public async Task Null_document_is_refused_and_nothing_is_stored()
    {
        var collection = NewCollection();

        await Assert.ThrowsAsync<ArgumentNullException>("document", async () => await Store.AddAsync<Customer?>(collection, "a", null));
        await Assert.ThrowsAsync<ArgumentNullException>("document", async () => await Store.UpsertAsync<Customer?>(collection, "a", null));
        await Assert.ThrowsAsync<ArgumentNullException>("document", async () => await Store.SaveAsync<Customer?>(collection, "a", null, 0));

        Assert.Equal(0L, await Store.CountAsync(collection));
    }

    [Fact]
    public async Task Negative_expected_version_is_refused()
    {
        var collection = NewCollection();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("expectedVersion", async () => await Store.SaveAsync(collection, "a", new Counter(1), -1));

        Assert.Equal(0L, await Store.CountAsync(collection));
    }
}
