using System;
using System.Threading.Tasks;
using Estuary;
using Estuary.Channels;
using Estuary.Fixtures.LedgerWorker;
using Estuary.Postgres;
using Estuary.RabbitMQ;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

// Modes: ledger (the ledger channel, confirmations in the same transaction); outbox (the outbox ledger,
// confirmations through the outbox); naive (the same without an outbox: confirmations sent after the
// commit); confirm (consumes the confirmations, on their own data source); project (catches the
// ledger_entries projection up, again and again). outbox-rabbitmq and confirm-rabbitmq are outbox and
// confirm with the confirmations channel a queue of the RabbitMQ broker named by ESTUARY_RABBITMQ.
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: Estuary.Fixtures.LedgerWorker <connection string> <schema> [ledger|outbox|naive|confirm|project|partitions]");
    return 2;
}

var (connectionString, schema, mode) = (args[0], args[1], args.Length == 3 ? args[2] : "ledger");
var onRabbitMq = mode.EndsWith("-rabbitmq", StringComparison.Ordinal);
mode = onRabbitMq ? mode[..^"-rabbitmq".Length] : mode;
var dataSource = new NpgsqlDataSourceBuilder(connectionString + $";Search Path=\"{schema}\"").Build();

// Another data source on the same database: its sessions are not the ledger's, so the confirmations
// channel cannot join a ledger delivery's transaction.
var confirmations = new NpgsqlDataSourceBuilder(connectionString + $";Search Path=\"{schema}\";Application Name=confirmations").Build();
var services = new ServiceCollection();

// Failures go to standard error, which the test shows.
services.AddLogging(logging => logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
services.AddEstuary(estuary =>
{
    estuary.AddModule<LedgerWorkerModule>();
    estuary.Options.ProjectionPartitionWorkers = 2;
    estuary.UsePostgres(mode == "confirm" ? confirmations : dataSource, postgres =>
    {
        postgres.Options.SchemaName = schema;
        postgres.Options.OutboxRecoveryDelay = TimeSpan.FromSeconds(1);
        postgres.AddChannel(Ledger.Channel, Consumer);
        postgres.AddChannel(OutboxLedger.Channel, Consumer);
        if (mode == "confirm" && !onRabbitMq)
        {
            postgres.AddChannel(OutboxLedger.Confirmations, Consumer);
        }
    });
    if (onRabbitMq)
    {
        var broker = Environment.GetEnvironmentVariable("ESTUARY_RABBITMQ") ?? throw new InvalidOperationException("ESTUARY_RABBITMQ is not set.");
        estuary.UseRabbitMq(broker, rabbit => rabbit.AddChannel(OutboxLedger.Confirmations, channel =>
        {
            channel.Queue = schema + "-confirmations";
            Consumer(channel.Consumer);
        }));
    }
    else if (mode != "confirm")
    {
        estuary.AddChannel(
            OutboxLedger.Confirmations,
            _ => new SlowChannel(new PostgresQueueChannel(OutboxLedger.Confirmations, confirmations, new PostgresOptions { SchemaName = schema })));
    }
});

if (mode == "naive")
{
    services.RemoveAll<IOutbox>();
}

await using var provider = services.BuildServiceProvider();
var relays = provider.GetServices<IHostedService>();
foreach (var relay in relays)
{
    if (relay.GetType().Name == "OutboxRelay" && mode == "outbox")
    {
        await relay.StartAsync(default);
    }
}

Console.WriteLine("ready");
if (mode is "project" or "partitions")
{
    var projections = provider.GetRequiredService<EstuaryProjections>();
    var name = mode == "project" ? "ledger_entries" : "ledger_partitions";
    while (true)
    {
        await projections.CatchUpAsync(name);
        await Task.Delay(10);
    }
}

var channel = mode switch
{
    "ledger" => Ledger.Channel,
    "confirm" => OutboxLedger.Confirmations,
    _ => OutboxLedger.Channel,
};
await provider.GetRequiredService<EstuaryConsumers>().RunAsync(channel, ConsumerLimits.None);
return 0;

static void Consumer(ConsumerSettings consumer)
{
    consumer.Concurrency = 4;
    consumer.PollInterval = TimeSpan.FromMilliseconds(200);
}
