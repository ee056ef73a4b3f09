using System;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.EntityFrameworkCore.Tests.Repository;

/// <summary>Mistakes in the model or the identifiers fail at the first operation, saying what to change.</summary>
public sealed class ModelErrorTests(EntityFrameworkDatabase database) : IClassFixture<EntityFrameworkDatabase>, IAsyncLifetime
{
    public Task InitializeAsync() => database.CreateTablesAsync<KeysContext>();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Aggregate_missing_from_the_model_is_refused_with_the_mapping_to_add()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Repository<Unmapped>().FindAsync(Guid.NewGuid().ToString("D"), default).AsTask());

        Assert.Contains("is not an entity type of KeysContext", error.Message, StringComparison.Ordinal);
        Assert.Contains("modelBuilder.Entity<Unmapped>().HasAggregateVersion()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entity_without_a_version_is_refused_before_anything_is_saved()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Repository<Unversioned>().SaveAsync(id.ToString("D"), new Unversioned { Id = id }, 0, default).AsTask());

        Assert.Contains("has no version property", error.Message, StringComparison.Ordinal);
        Assert.Contains("modelBuilder.Entity<Unversioned>().HasAggregateVersion()", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.unversioned"));
    }

    [Fact]
    public async Task Key_of_a_type_identifiers_cannot_convert_to_is_refused_naming_it()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => Repository<BinaryKeyed>().FindAsync("AQID", default).AsTask());

        Assert.Contains("property 'Id' of type Byte[]", error.Message, StringComparison.Ordinal);
        Assert.Contains("register your own IAggregateRepository<BinaryKeyed>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A", "has 1 part(s)")]
    [InlineData("A|1|2", "has 3 part(s)")]
    [InlineData("A|one", "'one' is not a valid Int32 for key property 'Slot'")]
    public async Task Identifier_that_does_not_fit_a_composite_key_is_refused_naming_the_key(string id, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Repository<ShelfItem>().FindAsync(id, default).AsTask());

        Assert.Equal("id", error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregate_whose_key_is_not_its_identifier_is_not_saved()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Repository<NumberedNote>().SaveAsync("1001", new NumberedNote { Number = 1002, Text = "elsewhere" }, 0, default).AsTask());

        Assert.Contains("has Number = '1002', not '1001'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.numbered_notes WHERE \"Number\" IN (1001, 1002)"));
    }

    [Fact]
    public async Task Aggregate_without_its_key_is_not_saved_under_a_key_EF_Core_generates()
    {
        var id = Guid.Empty.ToString("D");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Repository<GuidNote>().SaveAsync(id, new GuidNote { Text = "no id" }, 0, default).AsTask());

        Assert.Contains($"not '{id}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.guid_notes WHERE \"Text\" = 'no id'"));
    }

    private EntityFrameworkAggregateRepository<KeysContext, T> Repository<T>()
        where T : class => new(database.Factory<KeysContext>());
}
