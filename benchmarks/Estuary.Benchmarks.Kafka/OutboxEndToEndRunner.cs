using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Benchmarks.Shared;
using Estuary.Postgres;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Estuary.Benchmarks.Kafka;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Estuary.Benchmarks.Kafka -- outbox [--messages 5000] [--senders 8] [--rounds 3]</c>:
/// end to end through the PostgreSQL outbox: each message is sent in a transaction of its own
/// (<see cref="PostgresUnitOfWork"/>), stored in the outbox, produced to a Kafka channel after the commit,
/// consumed (four handlers at once, each delivery in a database transaction with its deduplication mark) and
/// handled. Each round has its own schema, topic and group, and the group has formed before the clock starts.
/// Reports messages per second (first send to last handled) and the latency of each message, from the start
/// of its send to the end of its handler, p50 and p99.
/// </summary>
public static class OutboxEndToEndRunner
{
    private static readonly TimeSpan s_joinTimeout = TimeSpan.FromMinutes(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = EndToEnd.Option(args, "--messages", 5000);
        var senders = EndToEnd.Option(args, "--senders", 8);
        var rounds = EndToEnd.Option(args, "--rounds", 3);
        var postgres = Environment.GetEnvironmentVariable("ESTUARY_POSTGRES") ?? "Host=127.0.0.1;Port=54329;Username=postgres;Database=estuary";
        var cluster = KafkaTestCluster.IsReal ? BenchmarkCluster.BootstrapServers : "librdkafka's mock cluster in this process";
        Console.WriteLine($"End to end through the outbox to Kafka ({cluster}): {messages} messages per round, {senders} senders, {rounds} rounds.");
        await EndToEnd.PrintRoundsAsync(rounds, () => RoundAsync(postgres, messages, senders));
        return 0;
    }

    private static async Task<(double Rate, double P50, double P99)> RoundAsync(string postgres, int messages, int senders)
    {
        var schema = "e2e_" + Guid.NewGuid().ToString("N")[..8];
        var topic = "bench-e2e-" + schema;
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        var services = new ServiceCollection();
        var latencies = new LatencyCollector(messages);
        services.AddSingleton(latencies);
        services.AddEstuary(estuary => estuary
            .AddModule<KafkaModule>()
            .UsePostgres(dataSource, pg => pg.Options.SchemaName = schema)
            .UseBenchmarkKafka(KafkaBenchmarks.Channel, topic, group: topic, channel => channel.Consumer.Concurrency = 4));
        await using var host = services.BuildServiceProvider();
        var unitOfWork = host.GetRequiredService<PostgresUnitOfWork>();
        var commands = host.GetRequiredService<ICommandBus>();

        using var stop = new CancellationTokenSource();
        var consuming = host.GetRequiredService<EstuaryConsumers>().RunAsync(KafkaBenchmarks.Channel, new ConsumerLimits(), stop.Token, stop.Token);

        // Creates the schema and connects the producer; once handled, the consumer's group has formed.
        await unitOfWork.RunAsync(token => commands.SendAsync(new Stamped(-1, Stopwatch.GetTimestamp()), token).AsTask());
        await latencies.FirstHandled.WaitAsync(s_joinTimeout);

        var started = Stopwatch.GetTimestamp();
        await EndToEnd.SendAllAsync(messages, senders, sequence =>
            unitOfWork.RunAsync(token => commands.SendAsync(new Stamped(sequence, Stopwatch.GetTimestamp()), token).AsTask()));
        await latencies.AllHandled.WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync();
        await consuming;

        await using (var drop = dataSource.CreateCommand($"DROP SCHEMA \"{schema}\" CASCADE"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        return EndToEnd.Summary(messages, elapsed, latencies.Milliseconds);
    }
}

/// <summary>A message that knows when its send started (this process's Stopwatch); a negative sequence is the round's first, unmeasured one.</summary>
public sealed record Stamped(int Sequence, long SentAt);

/// <summary>Records each message's latency once (a redelivered copy is a duplicate the consumer skips).</summary>
public static class StampedHandler
{
    [Asynchronous(KafkaBenchmarks.Channel)]
    [CommandHandler(EndpointId = "bench.stamped")]
    public static void Handle(Stamped stamped, LatencyCollector latencies) => latencies.Add(stamped.Sequence, stamped.SentAt);
}
