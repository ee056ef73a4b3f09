using System;
using Estuary;
using Estuary.Fixtures.LedgerWorker;
using Estuary.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Estuary.Fixtures.LedgerWorker <connection string> <schema>");
    return 2;
}

var (connectionString, schema) = (args[0], args[1]);
var dataSource = new NpgsqlDataSourceBuilder(connectionString + $";Search Path=\"{schema}\"").Build();
var services = new ServiceCollection();

// Failures go to standard error, which the test shows.
services.AddLogging(logging => logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
services.AddEstuary(estuary => estuary
    .AddModule<LedgerWorkerModule>()
    .UsePostgres(dataSource, postgres =>
    {
        postgres.Options.SchemaName = schema;
        postgres.AddChannel(Ledger.Channel, consumer =>
        {
            consumer.Concurrency = 4;
            consumer.PollInterval = TimeSpan.FromMilliseconds(200);
        });
    }));
await using var provider = services.BuildServiceProvider();

Console.WriteLine("ready");
await provider.GetRequiredService<EstuaryConsumers>().RunAsync(Ledger.Channel, ConsumerLimits.None);
return 0;
