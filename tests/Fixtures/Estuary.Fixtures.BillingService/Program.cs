using System;
using Estuary;
using Estuary.Kafka;
using Estuary.Postgres;
using Estuary.RabbitMQ;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Estuary.Fixtures.BillingService <PostgreSQL connection string> <schema> <billing queue or topic>");
    return 2;
}

var (connectionString, schema, billingQueue) = (args[0], args[1], args[2]);
// Billing's inbox is a Kafka topic when ESTUARY_KAFKA names a cluster, else a RabbitMQ queue.
var kafka = Environment.GetEnvironmentVariable("ESTUARY_KAFKA");
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
var dataSource = new NpgsqlDataSourceBuilder(connectionString + $";Search Path=\"{schema}\"").Build();
builder.Services.AddEstuary(estuary =>
{
    estuary
        .AddModule<Estuary.Fixtures.BillingService.BillingServiceModule>()
        .UsePostgres(dataSource, postgres =>
        {
            postgres.Options.SchemaName = schema;
            postgres.AddChannel("orders");    // sent to, never consumed here: the orders service's inbox
        });
    if (kafka is { Length: > 0 })
    {
        estuary.UseKafka(kafka, cluster => cluster.AddChannel("billing", channel =>
        {
            channel.Topic = billingQueue;
            channel.GroupId = billingQueue;
            channel.Consumer.Concurrency = 4;
        }));
    }
    else
    {
        estuary.UseRabbitMq(Broker(), rabbit => rabbit.AddChannel("billing", channel =>
        {
            channel.Queue = billingQueue;
            channel.Consumer.Concurrency = 4;
        }));
    }

    estuary.UseDistributedBus("billing", map => map
        .AddService("orders", channel: "orders", subscribesTo: "billing.invoice-*")
        .AddService("billing", channel: "billing"));
});

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
return 0;

static string Broker() => Environment.GetEnvironmentVariable("ESTUARY_RABBITMQ") ?? throw new InvalidOperationException("ESTUARY_RABBITMQ is not set.");
