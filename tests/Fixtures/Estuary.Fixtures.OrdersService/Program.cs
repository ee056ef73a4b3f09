using System;
using Estuary;
using Estuary.Fixtures.OrdersService;
using Estuary.Kafka;
using Estuary.Postgres;
using Estuary.RabbitMQ;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

if (args.Length != 4 || !int.TryParse(args[3], out var orders))
{
    Console.Error.WriteLine("usage: Estuary.Fixtures.OrdersService <PostgreSQL connection string> <schema> <billing queue or topic> <orders to place>");
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
        .AddModule<OrdersServiceModule>()
        .UsePostgres(dataSource, postgres =>
        {
            postgres.Options.SchemaName = schema;
            postgres.Options.OutboxRecoveryDelay = TimeSpan.FromSeconds(1);
            postgres.AddChannel("orders", consumer =>
            {
                consumer.Concurrency = 4;
                consumer.PollInterval = TimeSpan.FromMilliseconds(100);
            });
        });
    if (kafka is { Length: > 0 })
    {
        estuary.UseKafka(kafka, cluster => cluster.AddChannel("billing", channel => channel.Topic = billingQueue));
    }
    else
    {
        estuary.UseRabbitMq(Broker(), rabbit => rabbit.AddChannel("billing", channel => channel.Queue = billingQueue));
    }

    estuary.UseDistributedBus("orders", map => map
        .AddService("orders", channel: "orders", subscribesTo: "billing.invoice-*")
        .AddService("billing", channel: "billing"));
});

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
var commands = host.Services.GetRequiredService<ICommandBus>();
for (var i = 1; i <= orders; i++)
{
    await commands.SendAsync(new PlaceOrder("order-" + i, i));
}

await host.WaitForShutdownAsync();
return 0;

static string Broker() => Environment.GetEnvironmentVariable("ESTUARY_RABBITMQ") ?? throw new InvalidOperationException("ESTUARY_RABBITMQ is not set.");
