using System;
using Estuary;
using Estuary.Postgres;
using Estuary.RabbitMQ;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Estuary.Fixtures.BillingService <PostgreSQL connection string> <schema> <billing queue>");
    return 2;
}

var (connectionString, schema, billingQueue) = (args[0], args[1], args[2]);
var broker = Environment.GetEnvironmentVariable("ESTUARY_RABBITMQ") ?? throw new InvalidOperationException("ESTUARY_RABBITMQ is not set.");
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
var dataSource = new NpgsqlDataSourceBuilder(connectionString + $";Search Path=\"{schema}\"").Build();
builder.Services.AddEstuary(estuary => estuary
    .AddModule<Estuary.Fixtures.BillingService.BillingServiceModule>()
    .UsePostgres(dataSource, postgres =>
    {
        postgres.Options.SchemaName = schema;
        postgres.AddChannel("orders");    // sent to, never consumed here: the orders service's inbox
    })
    .UseRabbitMq(broker, rabbit => rabbit.AddChannel("billing", channel =>
    {
        channel.Queue = billingQueue;
        channel.Consumer.Concurrency = 4;
    }))
    .UseDistributedBus("billing", map => map
        .AddService("orders", channel: "orders", subscribesTo: "billing.invoice-*")
        .AddService("billing", channel: "billing")));

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
return 0;
