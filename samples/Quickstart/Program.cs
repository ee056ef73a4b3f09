using System;
using Estuary;
using Microsoft.Extensions.DependencyInjection;
using Quickstart;

// Compose the host: the generated QuickstartModule carries every handler of this assembly.
var services = new ServiceCollection();
services.AddSingleton<OrderBook>();
services.AddSingleton<Journal>();
services.AddEstuary(estuary => estuary.AddModule<QuickstartModule>());
await using var provider = services.BuildServiceProvider();

var commands = provider.GetRequiredService<ICommandBus>();
var queries = provider.GetRequiredService<IQueryBus>();
var orderId = Guid.NewGuid();

Console.WriteLine("Sending PlaceOrder with header user=alice:");
await commands.SendAsync(new PlaceOrder(orderId, "espresso beans", 2), new MessageHeaders { ["user"] = "alice" });

Console.WriteLine("Sending PlaceOrder without a user header (the interceptor stops it):");
await commands.SendAsync(new PlaceOrder(Guid.NewGuid(), "tea", 1));

Console.WriteLine("Querying the order status:");
OrderStatus status = await queries.SendAsync(new GetOrderStatus(orderId));
Console.WriteLine($"  status: {status.State}, placed by {status.PlacedBy}");

Console.WriteLine("Quickstart finished.");
