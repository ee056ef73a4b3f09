using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Benchmarks.Shared;
using Estuary.Postgres;
using Estuary.RabbitMQ;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Estuary.Benchmarks.RabbitMq;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Estuary.Benchmarks.RabbitMq -- outbox [--messages 5000] [--senders 8] [--rounds 3]</c>:
/// end to end through the PostgreSQL outbox: each message is sent in a transaction of its own
/// (<see cref="PostgresUnitOfWork"/>), stored in the outbox, forwarded to a RabbitMQ channel with confirms after
/// the commit, consumed (four handlers at once, each delivery in a database transaction with its
/// deduplication mark) and handled. Reports messages per second (first send to last handled) and the latency
/// of each message, from the start of its send to the end of its handler, p50 and p99.
/// </summary>
public static class OutboxEndToEndRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = EndToEnd.Option(args, "--messages", 5000);
        var senders = EndToEnd.Option(args, "--senders", 8);
        var rounds = EndToEnd.Option(args, "--rounds", 3);
        var postgres = Environment.GetEnvironmentVariable("ESTUARY_POSTGRES") ?? "Host=127.0.0.1;Port=54329;Username=postgres;Database=estuary";
        var rabbit = Environment.GetEnvironmentVariable("ESTUARY_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";
        Console.WriteLine($"End to end through the outbox: {messages} messages per round, {senders} senders, {rounds} rounds.");
        await EndToEnd.PrintRoundsAsync(rounds, () => RoundAsync(postgres, rabbit, messages, senders));
        return 0;
    }

    private static async Task<(double Rate, double P50, double P99)> RoundAsync(string postgres, string rabbit, int messages, int senders)
    {
        var schema = "e2e_" + Guid.NewGuid().ToString("N")[..8];
        var queue = "bench-e2e-" + schema;
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        var services = new ServiceCollection();
        var latencies = new LatencyCollector(messages);
        services.AddSingleton(latencies);
        services.AddEstuary(estuary => estuary
            .AddModule<RabbitMqModule>()
            .AddInMemoryChannel(RabbitMqBenchmarks.Channel) // the other suite's handler; unused here
            .UsePostgres(dataSource, pg => pg.Options.SchemaName = schema)
            .UseRabbitMq(rabbit, broker => broker.AddChannel(StampedHandler.Channel, channel =>
            {
                channel.Queue = queue;
                channel.Consumer.Concurrency = 4;
                channel.Consumer.PollInterval = TimeSpan.FromMilliseconds(200);
            })));
        await using var host = services.BuildServiceProvider();
        var unitOfWork = host.GetRequiredService<PostgresUnitOfWork>();
        var commands = host.GetRequiredService<ICommandBus>();
        await unitOfWork.RunAsync(token => commands.SendAsync(new Stamped(-1, Stopwatch.GetTimestamp()), token).AsTask()); // schema, connection, queue

        using var stop = new CancellationTokenSource();
        var consuming = host.GetRequiredService<EstuaryConsumers>().RunAsync(StampedHandler.Channel, new ConsumerLimits(), stop.Token, stop.Token);
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

/// <summary>A message that knows when its send started (this process's Stopwatch).</summary>
public sealed record Stamped(int Sequence, long SentAt);

/// <summary>Records each message's latency once (a redelivered copy is a duplicate the consumer skips).</summary>
public static class StampedHandler
{
    public const string Channel = "bench-e2e";

    [Asynchronous(Channel)]
    [CommandHandler(EndpointId = "bench.stamped")]
    public static void Handle(Stamped stamped, LatencyCollector latencies) => latencies.Add(stamped.Sequence, stamped.SentAt);
}
