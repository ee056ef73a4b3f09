using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

/// <summary>
/// What every <see cref="IDocumentStore"/> does, whatever keeps the documents. Derive a sealed test class
/// per implementation; xunit runs these tests in it. Each test works in collections of its own, so the
/// tests of one class can share a store (and a database).
/// </summary>
public abstract partial class DocumentStoreContract
{
    /// <summary>The store under test; its JSON options must include <see cref="ContractJson"/>.</summary>
    protected abstract IDocumentStore Store { get; }

    /// <summary>
    /// Runs <paramref name="work"/> in a unit of work the store takes part in: committed when the work
    /// returns, rolled back when it throws (the exception then propagates).
    /// </summary>
    protected abstract Task InUnitOfWorkAsync(Func<Task> work);

    /// <summary>A collection no other test uses.</summary>
    protected static string NewCollection() => "c-" + Guid.NewGuid().ToString("N");

    /// <summary>Reads a whole collection.</summary>
    protected async Task<List<T>> AllAsync<T>(string collection)
    {
        var documents = new List<T>();
        await foreach (var document in Store.AllAsync<T>(collection))
        {
            documents.Add(document);
        }

        return documents;
    }

    [Fact]
    public async Task Added_document_reads_back_equal_through_get_and_find()
    {
        var collection = NewCollection();
        var ada = new Customer("Ada", 3, new Address("London", "St James's Square"));

        await Store.AddAsync(collection, "ada", ada);

        Assert.Equal(ada, await Store.GetAsync<Customer>(collection, "ada"));
        Assert.Equal(ada, await Store.FindAsync<Customer>(collection, "ada"));
    }

    [Fact]
    public async Task Reads_return_a_copy_not_the_instance_that_was_stored()
    {
        var collection = NewCollection();
        var note = new Note { Text = "as added" };
        await Store.AddAsync(collection, "n", note);

        note.Text = "changed after adding";
        var read = await Store.GetAsync<Note>(collection, "n");
        read.Text = "changed after reading";

        var again = await Store.GetAsync<Note>(collection, "n");
        Assert.Equal("as added", again.Text);
        Assert.NotSame(read, again);
    }

    [Fact]
    public async Task Adding_an_id_that_exists_throws_naming_it_and_keeps_the_stored_document()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "ada", new Customer("Ada", 1));

        var error = await Assert.ThrowsAsync<DocumentAlreadyExistsException>(async () => await Store.AddAsync(collection, "ada", new Customer("Impostor", 9)));

        Assert.Equal(collection, error.Collection);
        Assert.Equal("ada", error.Id);
        Assert.Contains($"'{collection}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ada'", error.Message, StringComparison.Ordinal);
        Assert.Equal(new Customer("Ada", 1), await Store.GetAsync<Customer>(collection, "ada"));
    }

    [Fact]
    public async Task Update_replaces_an_existing_document()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "ada", new Customer("Ada", 1));

        await Store.UpdateAsync(collection, "ada", new Customer("Ada", 2, new Address("Paris", "Rue de Rivoli")));

        Assert.Equal(new Customer("Ada", 2, new Address("Paris", "Rue de Rivoli")), await Store.GetAsync<Customer>(collection, "ada"));
        Assert.Equal(1L, await Store.CountAsync(collection));
    }

    [Fact]
    public async Task Updating_a_missing_document_throws_naming_it_and_creates_nothing()
    {
        var collection = NewCollection();

        var error = await Assert.ThrowsAsync<DocumentNotFoundException>(async () => await Store.UpdateAsync(collection, "ghost", new Customer("Ghost", 0)));

        Assert.Equal(collection, error.Collection);
        Assert.Equal("ghost", error.Id);
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.FindAsync<Customer>(collection, "ghost"));
        Assert.Equal(0L, await Store.CountAsync(collection));
    }

    [Fact]
    public async Task Upsert_adds_a_missing_document_and_replaces_an_existing_one()
    {
        var collection = NewCollection();

        await Store.UpsertAsync(collection, "ada", new Customer("Ada", 1));
        Assert.Equal(new Customer("Ada", 1), await Store.GetAsync<Customer>(collection, "ada"));

        await Store.UpsertAsync(collection, "ada", new Customer("Ada", 2));
        Assert.Equal(new Customer("Ada", 2), await Store.GetAsync<Customer>(collection, "ada"));
        Assert.Equal(1L, await Store.CountAsync(collection));
    }

    [Fact]
    public async Task Delete_removes_the_document_and_says_whether_it_existed()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "ada", new Customer("Ada", 1));
        await Store.AddAsync(collection, "bob", new Customer("Bob", 1));

        Assert.True(await Store.DeleteAsync(collection, "ada"));
        Assert.False(await Store.DeleteAsync(collection, "ada"));

        Assert.Null(await Store.FindAsync<Customer>(collection, "ada"));
        Assert.Equal(new Customer("Bob", 1), await Store.FindAsync<Customer>(collection, "bob"));
    }

    [Fact]
    public async Task Get_of_a_missing_document_throws_while_find_returns_null()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "ada", new Customer("Ada", 1));

        var error = await Assert.ThrowsAsync<DocumentNotFoundException>(async () => await Store.GetAsync<Customer>(collection, "bob"));

        Assert.Equal("bob", error.Id);
        Assert.Equal(collection, error.Collection);
        Assert.Null(await Store.FindAsync<Customer>(collection, "bob"));
        Assert.Null(await Store.FindAsync<Customer>(NewCollection(), "ada"));
    }

    [Fact]
    public async Task All_returns_the_collections_documents_in_ordinal_id_order()
    {
        var collection = NewCollection();
        string[] ids = ["b", "a", "B", "10", "9", "a-2", "\u00e9", "A"];
        foreach (var id in ids)
        {
            await Store.AddAsync(collection, id, new Customer(id, 0));
        }

        await Store.AddAsync(NewCollection(), "0", new Customer("elsewhere", 0));

        var names = (await AllAsync<Customer>(collection)).Select(c => c.Name).ToArray();

        Assert.Equal(ids.Order(StringComparer.Ordinal).ToArray(), names);
        Assert.Equal(["10", "9", "A", "B", "a", "a-2", "b", "\u00e9"], names);
    }

    [Fact]
    public async Task Unknown_collection_is_empty()
    {
        var collection = NewCollection();

        Assert.Empty(await AllAsync<Customer>(collection));
        Assert.Equal(0L, await Store.CountAsync(collection));
        await Store.DropCollectionAsync(collection);
    }

    [Fact]
    public async Task Count_counts_the_documents_of_one_collection()
    {
        var collection = NewCollection();
        var other = NewCollection();
        for (var i = 0; i < 5; i++)
        {
            await Store.AddAsync(collection, $"c{i}", new Counter(i));
        }

        await Store.AddAsync(other, "c0", new Counter(0));
        await Store.DeleteAsync(collection, "c3");

        Assert.Equal(4L, await Store.CountAsync(collection));
        Assert.Equal(1L, await Store.CountAsync(other));
    }

    [Fact]
    public async Task Same_id_in_two_collections_is_two_separate_documents()
    {
        var customers = NewCollection();
        var archive = NewCollection();
        await Store.AddAsync(customers, "ada", new Customer("Ada", 1));
        await Store.AddAsync(archive, "ada", new Customer("Ada (archived)", 7));

        await Store.UpdateAsync(customers, "ada", new Customer("Ada", 2));
        Assert.Equal(new Customer("Ada (archived)", 7), await Store.GetAsync<Customer>(archive, "ada"));
        Assert.Equal(1L, (await Store.FindVersionedAsync<Customer>(archive, "ada"))!.Version);

        await Store.DeleteAsync(archive, "ada");
        Assert.Equal(new Customer("Ada", 2), await Store.GetAsync<Customer>(customers, "ada"));
        Assert.Equal(0L, await Store.CountAsync(archive));
    }

    [Fact]
    public async Task Dropping_a_collection_removes_its_documents_only_and_it_can_be_used_again()
    {
        var dropped = NewCollection();
        var kept = NewCollection();
        for (var i = 0; i < 3; i++)
        {
            await Store.AddAsync(dropped, $"d{i}", new Counter(i));
            await Store.AddAsync(kept, $"d{i}", new Counter(i));
        }

        await Store.DropCollectionAsync(dropped);

        Assert.Equal(0L, await Store.CountAsync(dropped));
        Assert.Empty(await AllAsync<Counter>(dropped));
        Assert.Null(await Store.FindAsync<Counter>(dropped, "d1"));
        Assert.Equal([new Counter(0), new Counter(1), new Counter(2)], await AllAsync<Counter>(kept));

        await Store.AddAsync(dropped, "d1", new Counter(10));
        Assert.Equal(1L, (await Store.FindVersionedAsync<Counter>(dropped, "d1"))!.Version);
    }

    [Fact]
    public async Task Polymorphic_document_reads_back_as_its_derived_type()
    {
        var collection = NewCollection();
        await Store.AddAsync<Shape>(collection, "1", new Square(2.5));
        await Store.AddAsync<Shape>(collection, "2", new Circle(1.25));

        Assert.Equal(new Square(2.5), await Store.GetAsync<Shape>(collection, "1"));
        Assert.Equal([new Square(2.5), new Circle(1.25)], await AllAsync<Shape>(collection));
    }

    [Fact]
    public async Task Document_type_without_json_metadata_is_refused_with_the_attribute_to_add()
    {
        var collection = NewCollection();

        var error = await Assert.ThrowsAsync<MessageConversionException>(async () => await Store.AddAsync(collection, "x", new Unlisted("text")));

        Assert.Contains(typeof(Unlisted).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("[JsonSerializable(typeof(Unlisted))]", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await Store.CountAsync(collection));
        await Assert.ThrowsAsync<MessageConversionException>(async () => await Store.FindAsync<Unlisted>(collection, "x"));
    }

    [Fact]
    public async Task Writing_while_enumerating_a_collection_leaves_the_enumeration_as_it_started()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "a", new Counter(1));
        await Store.AddAsync(collection, "b", new Counter(2));
        await Store.AddAsync(collection, "c", new Counter(3));

        var seen = new List<Counter>();
        await foreach (var counter in Store.AllAsync<Counter>(collection))
        {
            seen.Add(counter);
            await Store.UpsertAsync(collection, "c", new Counter(counter.Value * 100));
            await Store.UpsertAsync(collection, "d" + counter.Value, new Counter(0));
        }

        Assert.Equal([new Counter(1), new Counter(2), new Counter(3)], seen);
        Assert.Equal(6L, await Store.CountAsync(collection));
    }
}
