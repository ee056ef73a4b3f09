using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Fixtures.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Tests.Documents;

/// <summary>The document store contract against the default store, as AddEstuary registers it.</summary>
public sealed class InMemoryDocumentStoreTests : DocumentStoreContract, IDisposable
{
    private readonly ServiceProvider _host = Host.Create(estuary => estuary.AddModule(new DocumentsModule()));

    protected override IDocumentStore Store => _host.GetRequiredService<IDocumentStore>();

    protected override async Task InUnitOfWorkAsync(Func<Task> work)
    {
        // Disposing the scope without committing rolls the attempt back, running the store's undo actions.
        await using var scope = UnitOfWork.Begin(_host.Runtime(), session: null);
        await work();
        await scope.CommitAsync();
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public void AddEstuary_registers_the_in_memory_store_unless_the_application_has_one()
    {
        Assert.IsType<InMemoryDocumentStore>(Store);

        var own = new InMemoryDocumentStore(ContractJson.Default.Options);
        using var host = Host.Create(_ => { }, services => services.AddSingleton<IDocumentStore>(own));
        Assert.Same(own, host.GetRequiredService<IDocumentStore>());
    }

    [Fact]
    public async Task Registered_store_serializes_with_the_metadata_of_the_composed_modules()
    {
        using var host = Host.Create(_ => { });
        var store = host.GetRequiredService<IDocumentStore>();

        await Assert.ThrowsAsync<MessageConversionException>(async () => await store.AddAsync(NewCollection(), "ada", new Customer("Ada", 1)));
        await Store.AddAsync(NewCollection(), "ada", new Customer("Ada", 1));
    }

    [Fact]
    public async Task Store_can_be_built_from_a_json_context_and_leaves_the_callers_options_changeable()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = ContractJson.Default };
        var store = new InMemoryDocumentStore(options);
        await store.AddAsync("customers", "ada", new Customer("Ada", 1));

        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;

        Assert.Equal(new Customer("Ada", 1), await store.GetAsync<Customer>("customers", "ada"));
    }

    [Fact]
    public void Options_without_metadata_are_refused_saying_what_to_pass()
    {
        var error = Assert.Throws<ArgumentException>(() => new InMemoryDocumentStore(new JsonSerializerOptions()));

        Assert.Equal("json", error.ParamName);
        Assert.Contains("EstuaryRuntime.Json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_does_not_undo_a_later_write_made_outside_the_unit_of_work()
    {
        var collection = NewCollection();
        await Store.AddAsync(collection, "shared", new Counter(1));

        await Assert.ThrowsAsync<AttemptFailed>(() => InUnitOfWorkAsync(async () =>
        {
            await Store.UpdateAsync(collection, "shared", new Counter(2));
            await Store.AddAsync(collection, "mine", new Counter(1));

            // The in-memory store has no isolation: another flow sees this attempt's write and writes after it.
            Task other;
            using (ExecutionContext.SuppressFlow())
            {
                other = Task.Run(async () =>
                {
                    Assert.Null(UnitOfWork.Current);
                    await Store.SaveAsync(collection, "shared", new Counter(3), expectedVersion: 2);
                });
            }

            await other;
            throw new AttemptFailed();
        }));

        Assert.Equal(new VersionedDocument<Counter>(new Counter(3), 3), await Store.FindVersionedAsync<Counter>(collection, "shared"));
        Assert.Null(await Store.FindAsync<Counter>(collection, "mine"));
    }

    private sealed class DocumentsModule() : HandWrittenModule([])
    {
        public override IReadOnlyList<IJsonTypeInfoResolver> JsonResolvers => [ContractJson.Default];
    }
}
