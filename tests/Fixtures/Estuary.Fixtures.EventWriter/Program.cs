using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Estuary;
using Estuary.Fixtures.EventWriter;
using Estuary.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Standard output is the report the test reads, one line each (see WriterLoop): "ready" once, then
// "appended <tag> <event ids>" before a transaction is held open, "committed <tag>" after its commit and
// "rolledback <tag>" after a rollback. Anything unexpected ends the process with the error on standard error.
if (args.Length != 5 || !int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sharedStreams))
{
    Console.Error.WriteLine("usage: Estuary.Fixtures.EventWriter <connection string> <schema> <name> <shared streams> <table of the shared streams>");
    return 2;
}

const int Loops = 3;
var (connectionString, schema, name, sharedTable) = (args[0], args[1], args[2], args[4]);
await using var dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();
var services = new ServiceCollection();

// The test created the schema. Creating it again on first use would run CREATE INDEX IF NOT EXISTS, which
// waits for a share lock on the events table, so for every transaction holding appends open, and makes
// every append of every writer queue behind it until then.
services.AddEstuary(estuary => estuary.UsePostgres(dataSource, postgres =>
{
    postgres.Options.SchemaName = schema;
    postgres.Options.AutoCreateSchema = false;

    // As the test's own store: the shared streams' events live in a table of their own.
    postgres.Options.EventTables.Add(new EventStreamTable("shared", sharedTable));
}));
await using var provider = services.BuildServiceProvider();
var store = provider.GetRequiredService<IEventStore>();
var unitOfWork = provider.GetRequiredService<PostgresUnitOfWork>();

Console.WriteLine("ready");
await Task.WhenAll(Enumerable.Range(0, Loops).Select(loop =>
    Task.Run(() => new WriterLoop(store, unitOfWork, $"{name}.{loop}", sharedStreams, Random.Shared.Next()).RunAsync())));
return 0;
