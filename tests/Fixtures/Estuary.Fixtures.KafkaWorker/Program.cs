using System;
using System.Globalization;
using System.Linq;
using Estuary;
using Estuary.Fixtures.KafkaWorker;
using Estuary.Kafka;
using Estuary.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

if (args.Length < 4 || args[0] is not ("serve" or "drain"))
{
    Console.Error.WriteLine("usage: Estuary.Fixtures.KafkaWorker <serve|drain> <PostgreSQL connection string> <schema> <topic> [entries to send] [no-dedup]");
    return 2;
}

var (mode, connectionString, schema, topic) = (args[0], args[1], args[2], args[3]);
var entries = args.Length > 4 && int.TryParse(args[4], CultureInfo.InvariantCulture, out var count) ? count : 0;
var deduplicate = !args.Contains("no-dedup");
var kafka = Environment.GetEnvironmentVariable("ESTUARY_KAFKA") ?? throw new InvalidOperationException("ESTUARY_KAFKA is not set.");
var dataSource = new NpgsqlDataSourceBuilder(connectionString + $";Search Path=\"{schema}\"").Build();
var services = new ServiceCollection();
services.AddLogging(logging => logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
services.AddEstuary(estuary => estuary
    .AddModule<KafkaWorkerModule>()
    .UsePostgres(dataSource, postgres => postgres.Options.SchemaName = schema)
    .UseKafka(kafka, cluster =>
    {
        cluster.Options.Consumer["heartbeat.interval.ms"] = "500";
        cluster.Options.Consumer["session.timeout.ms"] = "6000";
        cluster.AddChannel(Entries.Channel, channel =>
        {
            channel.Topic = topic;
            channel.GroupId = topic;
            channel.Consumer.Deduplicate = deduplicate;
            channel.Consumer.RunInHost = false;

            // Offsets are stored after each entry but committed only hourly (and when the consumer closes):
            // a worker killed meanwhile leaves them uncommitted, as a crash before the next commit would.
            channel.CommitInterval = TimeSpan.FromHours(1);
        });
    }));
await using var provider = services.BuildServiceProvider();
var consumers = provider.GetRequiredService<EstuaryConsumers>();
if (mode == "drain")
{
    Console.WriteLine("ready");
    var run = await consumers.RunAsync(Entries.Channel, new ConsumerLimits { StopWhenEmpty = true });
    Console.WriteLine($"handled={run[DeliveryOutcome.Handled]} duplicate={run[DeliveryOutcome.Duplicate]}");
    return 0;
}

var commands = provider.GetRequiredService<ICommandBus>();
for (var i = 1; i <= entries; i++)
{
    await commands.SendAsync(new RecordEntry("entry-" + i));
}

Console.WriteLine("ready");
await consumers.RunAsync(Entries.Channel, ConsumerLimits.None);
return 0;
