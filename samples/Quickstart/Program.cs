using System;
using System.Linq;
using Estuary;
using Estuary.Cli;
using Microsoft.Extensions.DependencyInjection;
using Quickstart;

// Compose the host: the generated QuickstartModule carries every handler of this assembly, and the
// asynchronous ones need their channel declared.
var services = new ServiceCollection();
services.AddSingleton<OrderBook>();
services.AddSingleton<Journal>();
services.AddSingleton<Carrier>();
services.AddEstuary(estuary => estuary
    .AddModule<QuickstartModule>()
    .AddInMemoryChannel("fulfilment"));
await using var provider = services.BuildServiceProvider();

// Operations commands run inside the host: `dotnet run --project samples/Quickstart -- estuary endpoints`.
if (await provider.RunEstuaryCommandAsync(args) is { } exitCode)
{
    return exitCode;
}

var commands = provider.GetRequiredService<ICommandBus>();
var queries = provider.GetRequiredService<IQueryBus>();
var consumers = provider.GetRequiredService<EstuaryConsumers>();
var deadLetters = provider.GetRequiredService<DeadLetters>();
var orderId = Guid.NewGuid();

Console.WriteLine("Sending PlaceOrder with header user=alice:");
await commands.SendAsync(new PlaceOrder(orderId, "espresso beans", 2), new MessageHeaders { ["user"] = "alice" });

Console.WriteLine("Sending PlaceOrder without a user header (the interceptor stops it):");
await commands.SendAsync(new PlaceOrder(Guid.NewGuid(), "tea", 1));

Console.WriteLine("Querying the order status:");
OrderStatus status = await queries.SendAsync(new GetOrderStatus(orderId));
Console.WriteLine($"  status: {status.State}, placed by {status.PlacedBy}");

// The loyalty card is event-sourced: the order above earned points, stored as events in stream "loyalty-alice".
Console.WriteLine("Loyalty card of alice (an event-sourced aggregate):");
Console.WriteLine($"  points: {await queries.SendAsync(new GetLoyaltyPoints("alice"))}");
await commands.SendAsync(new RedeemPoints("alice", 15));
Console.WriteLine($"  after redeeming 15: {await queries.SendAsync(new GetLoyaltyPoints("alice"))}");
try
{
    await commands.SendAsync(new RedeemPoints("alice", 100));
}
catch (InvalidOperationException refused)
{
    Console.WriteLine($"  redeeming 100 is refused: {refused.Message}");
}

var history = await provider.GetRequiredService<IEventStore>().ReadStreamAsync("loyalty-alice");
Console.WriteLine($"  stream loyalty-alice: {string.Join(", ", history.Select(e => $"v{e.StreamVersion} {e.Type}"))}");

// A host runs consumers in the background; here the sample runs the channel's consumer itself.
Console.WriteLine("Consuming the fulfilment channel (shipping is retried, invoicing fails):");
var run = await consumers.RunAsync("fulfilment", new ConsumerLimits { MaxMessages = 3 });
Console.WriteLine($"  {run}");

foreach (var dead in await deadLetters.ListAsync())
{
    Console.WriteLine($"  dead letter: {dead.Message.EndpointId}, reason: {dead.Reason}");
}

Console.WriteLine("Invoicing is back; replaying the dead letter:");
provider.GetRequiredService<Carrier>().InvoicingOffline = false;
await deadLetters.ReplayAllAsync();
run = await consumers.RunAsync("fulfilment", new ConsumerLimits { StopWhenEmpty = true });
Console.WriteLine($"  {run}; dead letters left: {await deadLetters.CountAsync()}");

Console.WriteLine("Quickstart finished.");
return 0;
