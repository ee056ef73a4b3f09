using System;
using System.Threading.Tasks;
using Estuary.Benchmarks.Channels;
using Estuary.Benchmarks.EventStore.OnMarten;
using JasperFx.Events;
using Npgsql;

namespace Estuary.Benchmarks.EventStore;

/// <summary>
/// The database of the event store suites: the server of the channel suites
/// (<see cref="ChannelDatabase.ConnectionString"/>: <c>ESTUARY_BENCH_POSTGRES</c>, else the test
/// server's <c>ESTUARY_POSTGRES</c>), one schema per library and append mode.
/// </summary>
public static class EventStoreDatabase
{
    public const string EstuarySchema = "bench_events_estuary";

    public const string MartenQuickSchema = "bench_events_marten_quick";

    public const string MartenRichSchema = "bench_events_marten_rich";

    public const string MartenQuickPreparedSchema = "bench_events_marten_quick_prepared";

    /// <summary>
    /// What <c>MartenQuickPrepared</c> adds to the connection string: Npgsql's automatic preparation,
    /// as <c>UsePostgres(connectionString)</c> turns it on for Estuary, so Marten's best mode is
    /// measured with it too.
    /// </summary>
    public const string AutoPrepare = ";Max Auto Prepare=64";

    public static string ConnectionString => ChannelDatabase.ConnectionString;

    /// <summary>The rows of the append suites, by name.</summary>
    public static readonly string[] Subjects = ["EstuaryStore", "EstuaryRepository", "MartenQuick", "MartenQuickPrepared", "MartenRich"];

    /// <summary>Starts the subject called <paramref name="name"/> on <paramref name="connectionString"/>.</summary>
    public static async Task<IEventStoreSubject> StartAsync(string name, string connectionString) => name switch
    {
        "EstuaryStore" => new EstuaryStoreSubject(await EstuaryEventsHost.StartAsync(connectionString)),
        "EstuaryRepository" => new EstuaryRepositorySubject(await EstuaryEventsHost.StartAsync(connectionString)),
        "MartenQuick" => await MartenSubject.StartAsync(connectionString, EventAppendMode.Quick),
        "MartenQuickPrepared" => await MartenSubject.StartAsync(connectionString + AutoPrepare, EventAppendMode.Quick, prepared: true),
        "MartenRich" => await MartenSubject.StartAsync(connectionString, EventAppendMode.Rich),
        _ => throw new ArgumentException($"No event store subject '{name}'; pick one of {string.Join(", ", Subjects)}.", nameof(name)),
    };

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Fails unless <paramref name="subject"/>'s stream of <paramref name="cartId"/> is at <paramref name="expected"/>.</summary>
    public static async Task ExpectVersionAsync(IEventStoreSubject subject, Guid cartId, long expected)
    {
        var actual = await subject.VersionAsync(cartId);
        if (actual != expected)
        {
            throw new InvalidOperationException($"{subject.Name}: stream of cart {cartId} is at version {actual}, expected {expected}: an append was lost or the benchmark is miswired.");
        }
    }
}
