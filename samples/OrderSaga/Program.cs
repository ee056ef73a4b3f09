using System;
using System.Threading.Tasks;
using Estuary;
using Estuary.Postgres;
using Microsoft.Extensions.DependencyInjection;
using OrderSaga;

// In memory by default; `-- --postgres "<connection string>"` keeps the channels, orders and sagas in PostgreSQL.
string? postgres = null;
if (args is ["--postgres", { Length: > 0 } connectionString])
{
    postgres = connectionString;
}
else if (args.Length > 0)
{
    Console.Error.WriteLine("usage: dotnet run --project samples/OrderSaga [-- --postgres \"<connection string>\"]");
    return 2;
}

// Compose the host: the generated OrderSagaModule carries every handler of this assembly; the
// asynchronous ones need their two channels declared.
var clock = new DemoClock();
var services = new ServiceCollection();
services.AddSingleton<TimeProvider>(clock);
services.AddOrderSagaServices(Console.Out);
services.AddEstuary(estuary =>
{
    estuary.AddModule<OrderSagaModule>();
    if (postgres is null)
    {
        estuary.AddInMemoryChannel(ChannelNames.Fulfilment).AddInMemoryChannel(ChannelNames.Payments);
    }
    else
    {
        // The sample's own schema, created on first use, so its tables stay apart from anything else.
        estuary.UsePostgres(postgres, pg =>
        {
            pg.Options.SchemaName = "order_saga_sample";
            pg.AddChannel(ChannelNames.Fulfilment);
            pg.AddChannel(ChannelNames.Payments);
        });
    }
});
await using var provider = services.BuildServiceProvider();

var commands = provider.GetRequiredService<ICommandBus>();
var queries = provider.GetRequiredService<IQueryBus>();
var consumers = provider.GetRequiredService<EstuaryConsumers>();

Console.WriteLine($"Order saga sample, {(postgres is null ? "in memory" : "on PostgreSQL")}.");

Console.WriteLine();
Console.WriteLine("Alice pays with a card that works:");
var alice = await PlaceAsync("Alice", 42.50m, FakePaymentProvider.WorkingCard);
await DeliverAsync();
await PrintOrderAsync(alice);

Console.WriteLine();
Console.WriteLine("Bob's card is declined:");
var bob = await PlaceAsync("Bob", 19.90m, FakePaymentProvider.DeclinedCard);
await DeliverAsync();
await PrintOrderAsync(bob);

Console.WriteLine();
Console.WriteLine("Carol's bank asks her to confirm the payment, and she never does:");
var carol = await PlaceAsync("Carol", 7.00m, FakePaymentProvider.CardNeedingConfirmation);
await DeliverAsync();
var waiting = await queries.SendAsync(new GetFulfilmentStatus(carol));
Console.WriteLine($"  the saga waits for {waiting.Amount:0.00} until {waiting.PaymentDue:HH:mm}");

Console.WriteLine();
Console.WriteLine($"{OrderFulfilment.PaymentDeadlineMinutes} minutes later (the sample moves its clock rather than make you wait):");
clock.Skip(TimeSpan.FromMinutes(OrderFulfilment.PaymentDeadlineMinutes));
var deadlines = await consumers.RunAsync(ChannelNames.Fulfilment, new ConsumerLimits { StopWhenEmpty = true });
Console.WriteLine($"  {deadlines}: Alice's and Bob's deadlines were skipped, as their sagas had completed");
await PrintOrderAsync(carol);
return 0;

// On PostgreSQL the order and the OrderPlaced message for the saga commit in one transaction (the outbox).
async Task<Guid> PlaceAsync(string customer, decimal amount, string paymentMethod)
{
    var order = new PlaceOrder(Guid.NewGuid(), customer, amount, paymentMethod);
    return provider.GetService<PostgresUnitOfWork>() is { } transaction
        ? await transaction.RunAsync(token => commands.SendAsync(order, token).AsTask())
        : await commands.SendAsync(order);
}

// A real host runs the consumers in the background. The sample runs them itself until both channels
// are empty, so each order's story is printed before the next order starts.
async Task DeliverAsync()
{
    int received;
    do
    {
        received = 0;
        foreach (var channel in new[] { ChannelNames.Fulfilment, ChannelNames.Payments })
        {
            received += (await consumers.RunAsync(channel, new ConsumerLimits { StopWhenEmpty = true })).Received;
        }
    }
    while (received > 0);
}

// The order keeps its outcome; the saga, once completed, is no longer stored.
async Task PrintOrderAsync(Guid orderId)
{
    var status = await queries.SendAsync(new GetOrderStatus(orderId));
    var saga = await provider.GetRequiredService<IAggregateRepository<OrderFulfilment>>().FindAsync(orderId.ToString("D"), default);
    var reason = status.CancelReason is { } text ? $" ({text})" : string.Empty;
    Console.WriteLine($"  => order {status.State}{reason}; saga {(saga is null ? "completed and removed" : "still running")}");
}
