using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>
/// The negative control: the obvious reader, by position alone, continuing after the last position it
/// saw (over both events tables, as one). An event whose transaction commits after this reader passed
/// its position is never read.
/// </summary>
internal sealed class NaivePositionReader(NpgsqlDataSource dataSource, string schema, int seed) : ReaderLoop(seed)
{
    private readonly HashSet<Guid> _seen = [];
    private long _lastPosition;

    /// <summary>The last position read; safe to read while the reader runs.</summary>
    public long LastPosition => Interlocked.Read(ref _lastPosition);

    /// <summary>Every event read. Read it once the reader has stopped.</summary>
    public IReadOnlySet<Guid> Seen => _seen;

    protected override async Task<int> ReadPageAsync(int batchSize)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT position, event_id FROM ({ReadAllTortureTests.EveryEventsTable(schema, "position, event_id")}) AS e WHERE position > $1 ORDER BY position LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LastPosition });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            count++;
            Interlocked.Exchange(ref _lastPosition, reader.GetInt64(0));
            _seen.Add(reader.GetGuid(1));
        }

        return count;
    }
}
