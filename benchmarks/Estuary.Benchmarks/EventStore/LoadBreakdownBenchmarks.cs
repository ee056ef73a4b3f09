using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Estuary.Benchmarks.EventStore;

/// <summary>
/// Where the time of <c>EventSourcedRepository&lt;Cart&gt;.LoadAsync</c> of the 1,000-event stream of
/// <see cref="LoadBenchmarks"/> goes: the database read alone (plain Npgsql, the same rows and
/// columns), then each in-memory step over the events read once at setup.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LoadBreakdownBenchmarks
{
    private const string Columns = "version, position, transaction_id, event_id, type, revision, data, metadata, created_at";

    private readonly Guid _cart = Guid.CreateVersion7();
    private EstuaryEventsHost? _estuary;
    private EventSerializer? _serializer;
    private IReadOnlyList<RecordedEvent> _recorded = [];
    private string _selectSql = "";

    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    /// <summary>The rows as <c>ReadStreamAsync</c> selects them, read with plain Npgsql into nothing: the floor of any read.</summary>
    [Benchmark]
    public async Task<long> NpgsqlRowsOnly()
    {
        await using var command = _estuary!.DataSource.CreateCommand(_selectSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = EstuaryEventsHost.StreamOf(_cart) });
        await using var reader = await command.ExecuteReaderAsync();
        long bytes = 0;
        while (await reader.ReadAsync())
        {
            bytes += reader.GetFieldValue<byte[]>(6).Length + reader.GetFieldValue<byte[]>(7).Length + reader.GetString(4).Length;
        }

        return bytes;
    }

    /// <summary>System.Text.Json alone, with the source-generated metadata: the floor of deserializing.</summary>
    [Benchmark]
    public int JsonOnly()
    {
        var count = 0;
        foreach (var recorded in _recorded)
        {
            object? value = recorded.Type == "bench.item-added"
                ? JsonSerializer.Deserialize(recorded.Data.Span, CartJson.Default.ItemAdded)
                : JsonSerializer.Deserialize(recorded.Data.Span, CartJson.Default.CartOpened);
            count += value is null ? 0 : 1;
        }

        return count;
    }

    /// <summary><c>EventSerializer.Deserialize</c>: name lookup, revision check, deserialize.</summary>
    [Benchmark]
    public int SerializerDeserialize()
    {
        var count = 0;
        foreach (var recorded in _recorded)
        {
            count += _serializer!.Deserialize(recorded) is null ? 0 : 1;
        }

        return count;
    }

    /// <summary><c>EventSerializer.DeserializeAsync</c>, what <c>LoadAsync</c> calls per event.</summary>
    [Benchmark]
    public async Task<int> SerializerDeserializeAsync()
    {
        var count = 0;
        foreach (var recorded in _recorded)
        {
            count += await _serializer!.DeserializeAsync(recorded, CancellationToken.None) is null ? 0 : 1;
        }

        return count;
    }

    /// <summary>The in-memory part of <c>LoadAsync</c>: create, deserialize and apply every event through the generated switch.</summary>
    [Benchmark]
    public async Task<decimal> DeserializeAndApply()
    {
        var definition = _estuary!.Repository.Definition;
        var cart = definition.Create();
        foreach (var recorded in _recorded)
        {
            definition.Apply(cart, await _serializer!.DeserializeAsync(recorded, CancellationToken.None));
        }

        return cart.Total;
    }

    [GlobalCleanup]
    public void CleanUp() => _estuary?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        _estuary = await EstuaryEventsHost.StartAsync(EventStoreDatabase.ConnectionString);
        await _estuary.Repository.AppendAsync(EstuaryEventsHost.IdOf(_cart), new Cart(), LoadBenchmarks.History(_cart), 0, CancellationToken.None);
        _selectSql = $"SELECT {Columns} FROM \"{EventStoreDatabase.EstuarySchema}\".events WHERE stream_id = $1 AND version >= 1 ORDER BY version";
        _serializer = _estuary.Services.GetRequiredService<EstuaryRuntime>().Events;
        _recorded = await _estuary.Store.ReadStreamAsync(EstuaryEventsHost.StreamOf(_cart));
        if (_recorded.Count != LoadBenchmarks.Events || await DeserializeAndApply() != LoadBenchmarks.ExpectedTotal(_cart))
        {
            throw new InvalidOperationException($"The breakdown read {_recorded.Count} events, expected {LoadBenchmarks.Events}, or rebuilt another total.");
        }
    }
}
