using Estuary;
using EstuaryApp;
using Microsoft.Extensions.DependencyInjection;

// Building the project generates AppModule (see AppModule.cs) with every handler of this assembly.
// The asynchronous handler's channel is declared here.
var services = new ServiceCollection();
services.AddSingleton<OrderBook>();
services.AddEstuary(estuary => estuary
    .AddModule<AppModule>()
    .AddInMemoryChannel("shipping"));
await using var provider = services.BuildServiceProvider();

var commands = provider.GetRequiredService<ICommandBus>();
var queries = provider.GetRequiredService<IQueryBus>();
var consumers = provider.GetRequiredService<EstuaryConsumers>();

var orderId = Guid.NewGuid();
await commands.SendAsync(new PlaceOrder(orderId, "espresso beans", 2), new MessageHeaders { ["user"] = "alice" });

// The query's generated overload returns what its handler returns: Order?.
var order = await queries.SendAsync(new GetOrder(orderId));
Console.WriteLine($"Order: {order?.Quantity} x {order?.Product}, placed by {order?.PlacedBy}.");

// A host runs channel consumers in the background; a console application runs them itself.
var run = await consumers.RunAsync("shipping", new ConsumerLimits { StopWhenEmpty = true });
Console.WriteLine($"Channel {run}.");
