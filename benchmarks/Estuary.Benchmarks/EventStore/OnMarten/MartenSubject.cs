using System;
using System.Threading.Tasks;
using JasperFx;
using JasperFx.Events;
using Marten;

namespace Estuary.Benchmarks.EventStore.OnMarten;

/// <summary>
/// Marten 9.58's event store in one append mode, in a schema of its own. Defaults otherwise: Guid
/// stream ids, System.Text.Json, no projections, no async daemon. One lightweight session per append.
/// <c>MartenQuickPrepared</c> is Quick mode on a connection string with Npgsql's automatic preparation.
/// </summary>
public sealed class MartenSubject : IEventStoreSubject
{
    private MartenSubject(DocumentStore store, EventAppendMode mode, bool prepared)
    {
        Store = store;
        Mode = mode;
        Name = (Mode == EventAppendMode.Quick ? "MartenQuick" : "MartenRich") + (prepared ? "Prepared" : "");
    }

    public string Name { get; }

    public EventAppendMode Mode { get; }

    public DocumentStore Store { get; }

    /// <summary>A store on <paramref name="connectionString"/> with <paramref name="mode"/>; creates its schema.</summary>
    public static async Task<MartenSubject> StartAsync(string connectionString, EventAppendMode mode, bool prepared = false)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = (mode, prepared) switch
            {
                (EventAppendMode.Quick, true) => EventStoreDatabase.MartenQuickPreparedSchema,
                (EventAppendMode.Quick, false) => EventStoreDatabase.MartenQuickSchema,
                _ => EventStoreDatabase.MartenRichSchema,
            };
            options.Events.AppendMode = mode;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.Events.AddEventType<CartOpened>();
            options.Events.AddEventType<ItemAdded>();
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new MartenSubject(store, mode, prepared);
    }

    public async Task AppendToNewStreamAsync(Guid cartId, long line)
    {
        await using var session = Store.LightweightSession();
        session.Events.StartStream<MartenCart>(cartId, CartEvents.Item(cartId, line));
        await session.SaveChangesAsync();
    }

    public async Task AppendExpectingAsync(Guid cartId, long version, long line)
    {
        await using var session = Store.LightweightSession();

        // Marten's expected version is the stream's version after the append.
        session.Events.Append(cartId, version + 1, CartEvents.Item(cartId, line));
        await session.SaveChangesAsync();
    }

    public async Task<long> VersionAsync(Guid cartId)
    {
        await using var session = Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(cartId))?.Version ?? 0;
    }

    public Task ResetAsync() => Store.Advanced.Clean.DeleteAllEventDataAsync();

    public ValueTask DisposeAsync()
    {
        Store.Dispose();
        return ValueTask.CompletedTask;
    }
}
