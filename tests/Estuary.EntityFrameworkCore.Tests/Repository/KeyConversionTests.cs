using System;
using System.Globalization;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.EntityFrameworkCore.Tests.Repository;

/// <summary>Identifier texts, as generated endpoints pass them, read back as each kind of primary key.</summary>
public sealed class KeyConversionTests(EntityFrameworkDatabase database) : IClassFixture<EntityFrameworkDatabase>, IAsyncLifetime
{
    public Task InitializeAsync() => database.CreateTablesAsync<KeysContext>();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Guid_key_is_read_from_its_D_format_text_through_create_update_and_delete()
    {
        var repository = Repository<GuidNote>();
        var id = Guid.NewGuid();
        var text = id.ToString("D");

        Assert.Equal(1L, await repository.SaveAsync(text, new GuidNote { Id = id, Text = "first" }, 0, default));
        var loaded = await repository.FindAsync(text, default);
        loaded!.Document.Text = "second";
        Assert.Equal(2L, await repository.SaveAsync(text, loaded.Document, loaded.Version, default));

        var stored = await repository.FindAsync(text, default);
        Assert.Equal(("second", 2L), (stored!.Document.Text, stored.Version));
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT \"EstuaryVersion\" FROM {schema}.guid_notes WHERE \"Id\" = $1", id));

        await repository.DeleteAsync(text, 2, default);
        Assert.Null(await repository.FindAsync(text, default));
    }

    [Fact]
    public async Task Int_key_is_read_from_its_invariant_text_and_the_version_column_can_be_named()
    {
        var repository = Repository<NumberedNote>();

        await repository.SaveAsync("42", new NumberedNote { Number = 42, Text = "answer" }, 0, default);
        await repository.SaveAsync("-7", new NumberedNote { Number = -7, Text = "negative" }, 0, default);

        Assert.Equal("answer", (await repository.FindAsync("42", default))!.Document.Text);
        Assert.Equal("negative", (await repository.FindAsync("-7", default))!.Document.Text);
        Assert.Null(await repository.FindAsync("43", default));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT version FROM {schema}.numbered_notes WHERE \"Number\" = 42"));
    }

    [Fact]
    public async Task Composite_key_is_read_from_its_parts_joined_with_a_bar_in_key_order()
    {
        var repository = Repository<ShelfItem>();

        await repository.SaveAsync("A|1", new ShelfItem { Shelf = "A", Slot = 1, Text = "a1" }, 0, default);
        await repository.SaveAsync("A|2", new ShelfItem { Shelf = "A", Slot = 2, Text = "a2" }, 0, default);
        await repository.SaveAsync("B|1", new ShelfItem { Shelf = "B", Slot = 1, Text = "b1" }, 0, default);

        Assert.Equal("a2", (await repository.FindAsync("A|2", default))!.Document.Text);
        Assert.Equal("b1", (await repository.FindAsync("B|1", default))!.Document.Text);
        Assert.Null(await repository.FindAsync("B|2", default));
    }

    [Fact]
    public async Task DateOnly_key_is_read_from_its_invariant_text()
    {
        var repository = Repository<DailyNote>();
        var day = new DateOnly(2026, 2, 28);
        var text = day.ToString(null, CultureInfo.InvariantCulture);

        await repository.SaveAsync(text, new DailyNote { Day = day, Text = "end of February" }, 0, default);

        Assert.Equal("end of February", (await repository.FindAsync(text, default))!.Document.Text);
    }

    [Fact]
    public async Task Stale_saves_and_deletes_fail_naming_the_version_found()
    {
        var repository = Repository<GuidNote>();
        var id = Guid.NewGuid();
        var text = id.ToString("D");
        await repository.SaveAsync(text, new GuidNote { Id = id, Text = "v1" }, 0, default);
        var first = await repository.FindAsync(text, default);
        var second = await repository.FindAsync(text, default);
        await repository.SaveAsync(text, first!.Document, first.Version, default);

        var staleSave = await Assert.ThrowsAsync<ConcurrencyException>(() => repository.SaveAsync(text, second!.Document, second.Version, default).AsTask());
        var staleDelete = await Assert.ThrowsAsync<ConcurrencyException>(() => repository.DeleteAsync(text, 1, default).AsTask());
        var existing = await Assert.ThrowsAsync<ConcurrencyException>(() => repository.SaveAsync(text, new GuidNote { Id = id }, 0, default).AsTask());
        var missing = await Assert.ThrowsAsync<ConcurrencyException>(() => repository.DeleteAsync(Guid.NewGuid().ToString("D"), 1, default).AsTask());
        var absent = Guid.NewGuid();
        var missingUpdate = await Assert.ThrowsAsync<ConcurrencyException>(
            () => repository.SaveAsync(absent.ToString("D"), new GuidNote { Id = absent }, 3, default).AsTask());

        Assert.Equal((1L, 2L), (staleSave.ExpectedVersion, staleSave.ActualVersion));
        Assert.Equal((1L, 2L), (staleDelete.ExpectedVersion, staleDelete.ActualVersion));
        Assert.Equal((0L, 2L), (existing.ExpectedVersion, existing.ActualVersion));
        Assert.Equal((1L, 0L), (missing.ExpectedVersion, missing.ActualVersion));
        Assert.Equal((3L, 0L), (missingUpdate.ExpectedVersion, missingUpdate.ActualVersion));
        Assert.Equal(("guid_notes", text), (staleSave.Collection, staleSave.Id));
        Assert.Equal(("v1", 2L), ((await repository.FindAsync(text, default))!.Document.Text, (await repository.FindAsync(text, default))!.Version));
    }

    private EntityFrameworkAggregateRepository<KeysContext, T> Repository<T>()
        where T : class => new(database.Factory<KeysContext>());
}
