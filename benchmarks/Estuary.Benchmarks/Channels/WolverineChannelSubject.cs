using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Estuary.Benchmarks.Channels.OnWolverine;
using Estuary.Benchmarks.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Postgresql;
using Wolverine.RDBMS;
using Wolverine.Runtime;
using WolverineContext = Wolverine.Runtime.MessageContext;

namespace Estuary.Benchmarks.Channels;

/// <summary>
/// Wolverine 6.62 with WolverineFx.Postgresql: its PostgreSQL queue transport, durable (inbox and
/// outbox in PostgreSQL), the listener handling <c>MaximumParallelMessages</c> messages at once.
/// Every send follows Wolverine's ADO.NET outbox pattern: a transaction, a <see cref="WolverineContext"/>
/// enlisted in it, <c>SendAsync</c>, commit, then <c>FlushOutgoingMessagesAsync</c>, which moves the
/// committed outbox row to the queue table.
/// </summary>
public sealed class WolverineChannelSubject : IChannelSubject
{
    /// <summary>The queue's name (its table is wolverine_queue_{name}).</summary>
    public const string Queue = "bench_work";

    /// <summary>
    /// How long the listener waits before looking again when nothing woke it. Wolverine's default is
    /// DurabilitySettings.ScheduledJobPollingTime (5 s), and it also waits this long after every batch
    /// it takes unless a notification arrives: a backlog left when the senders stop would drain at 20
    /// messages per 5 s. 10 ms lets it drain as fast as the handlers go; see docs/benchmarks.md.
    /// </summary>
    public static readonly TimeSpan PollingInterval = TimeSpan.FromMilliseconds(10);

    private readonly IHost _host;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IWolverineRuntime _runtime;
    private readonly IMessageDatabase _database;

    private WolverineChannelSubject(IHost host, NpgsqlDataSource dataSource)
    {
        _host = host;
        _dataSource = dataSource;
        _runtime = host.Services.GetRequiredService<IWolverineRuntime>();
        _database = _runtime.Storage as IMessageDatabase
            ?? throw new InvalidOperationException($"Expected Wolverine's PostgreSQL message store, got {_runtime.Storage.GetType()}.");
    }

    public string Library => "Wolverine";

    public string EffectTable => WolverineWorkHandler.EffectTable;

    public static async Task<WolverineChannelSubject> StartAsync(int consumers)
    {
        var connectionString = ChannelDatabase.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await ChannelDatabase.PrepareAsync(dataSource);
        await ChannelDatabase.ExecuteAsync(dataSource, $"TRUNCATE {WolverineWorkHandler.EffectTable}");

        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(static logging => logging.ClearProviders())
            .UseWolverine(options =>
            {
                options.UseHandlersBeside(typeof(WolverineWorkHandler));

                // One process, no cluster: no leader election or agent assignment traffic.
                options.Durability.Mode = DurabilityMode.Solo;

                options.UsePostgresqlPersistenceAndTransport(connectionString, ChannelDatabase.WolverineSchema, transportSchema: ChannelDatabase.WolverineQueueSchema)
                    .AutoProvision()
                    .AutoPurgeOnStartup()

                    // LISTEN/NOTIFY wake-ups, as Estuary's channel has; polling stays as the fallback.
                    .EnableQueueNotifications();

                options.PublishMessage<WolverineWork>().ToPostgresqlQueue(Queue);
                options.ListenToPostgresqlQueue(Queue)
                    .MaximumParallelMessages(consumers)
                    .PollingInterval(PollingInterval);

                options.Services.AddSingleton(new WolverineEffects(dataSource));
            })
            .Build();
        await host.StartAsync();

        var subject = new WolverineChannelSubject(host, dataSource);
        await ChannelDatabase.ExecuteAsync(dataSource, $"DELETE FROM {Inbox}");
        return subject;
    }

    public async Task<long> SendAsync(long sequence)
    {
        var context = new WolverineContext(_runtime);
        long committed;
        await using (var connection = await _dataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await context.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction(_database, transaction));
            await context.SendAsync(new WolverineWork(sequence));
            await transaction.CommitAsync();
            committed = Stopwatch.GetTimestamp();
        }

        await context.FlushOutgoingMessagesAsync();
        return committed;
    }

    public async Task VerifyAndResetAsync(int messages)
    {
        await ChannelDatabase.ExpectNoneAsync(_dataSource, $"SELECT count(*) FROM {QueueTable}", "queued Wolverine messages");
        await ChannelDatabase.ExpectNoneAsync(_dataSource, $"SELECT count(*) FROM {Outbox}", "Wolverine messages left in the outbox");
        await ChannelDatabase.ExpectNoneAsync(_dataSource, $"SELECT count(*) FROM {Inbox} WHERE status <> 'Handled'", "unhandled Wolverine inbox rows");
        await ChannelDatabase.ExpectNoneAsync(_dataSource, $"SELECT count(*) FROM {DeadLetters}", "dead-lettered Wolverine messages");

        // Proves the messages went through the durable inbox and the handler marked them handled.
        await ChannelDatabase.ExpectCountAsync(_dataSource, $"SELECT count(*) FROM {Inbox} WHERE status = 'Handled'", messages, "handled Wolverine inbox rows");

        // Handled inbox rows are Wolverine's record of handled messages (kept 5 minutes by default),
        // as Estuary's deduplication marks are Estuary's; both are removed after each operation.
        await ChannelDatabase.ExecuteAsync(_dataSource, $"TRUNCATE {WolverineWorkHandler.EffectTable}; DELETE FROM {Inbox}");
        await ChannelDatabase.ExecuteAsync(_dataSource, $"VACUUM (ANALYZE) {QueueTable}, {Inbox}, {Outbox}");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _dataSource.DisposeAsync();
    }

    private static string QueueTable => $"\"{ChannelDatabase.WolverineQueueSchema}\".wolverine_queue_{Queue}";

    private static string Inbox => $"\"{ChannelDatabase.WolverineSchema}\".wolverine_incoming_envelopes";

    private static string Outbox => $"\"{ChannelDatabase.WolverineSchema}\".wolverine_outgoing_envelopes";

    private static string DeadLetters => $"\"{ChannelDatabase.WolverineSchema}\".wolverine_dead_letters";
}
