using System.Collections.Generic;
using System.Globalization;

namespace Estuary.Benchmarks.Generation;

/// <summary>
/// The user code the generator-timing suite compiles: one file per handler, cycling through the
/// shapes a real project has (sync and async commands, queries and events; headers, services,
/// context and cancellation parameters; instance and static handler classes), plus one file
/// without handlers that the cached run edits.
/// </summary>
public static class HandlerSources
{
    public const string UnrelatedPath = "Formatting.cs";

    public const string Services = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Bench.Shop;

        public sealed class Clock { public DateTimeOffset Now => DateTimeOffset.UnixEpoch; }
        public sealed class Audit { public void Record(string who, object what) { } }
        public sealed class Catalog { public string Name(int id) => "item" + id; }
        public sealed class Mailer { public Task SendAsync(int id, CancellationToken cancellationToken) => Task.CompletedTask; }
        """;

    /// <summary>The file the cached run edits: it declares no handler, so every generator step should stay cached.</summary>
    public static string Unrelated(int version) => $$"""
        namespace Bench.Shop;

        public static class Formatting
        {
            public static string Describe(int value) => "v{{version}}:" + value;
        }
        """;

    public static IEnumerable<(string Path, string Text)> Handlers(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            yield return ("Handler" + n + ".cs", (i % 6) switch
            {
                0 => SyncCommand(n),
                1 => AsyncCommand(n),
                2 => SyncQuery(n),
                3 => AsyncQuery(n),
                4 => SyncEvent(n),
                _ => AsyncEvent(n),
            });
        }
    }

    private static string SyncCommand(string n) => $$"""
        using Estuary;

        namespace Bench.Shop.Orders;

        public sealed record PlaceOrder{{n}}(int Id, string Product, int Quantity);

        public sealed class PlaceOrder{{n}}Handler(Clock clock, Audit audit)
        {
            [CommandHandler]
            public void Handle(PlaceOrder{{n}} command, [Header("user")] string user, [Header("attempt")] int? attempt) =>
                audit.Record(user, clock.Now);
        }
        """;

    private static string AsyncCommand(string n) => $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using Estuary;

        namespace Bench.Shop.Shipping;

        public sealed record ShipOrder{{n}}(int Id);

        public sealed class ShipOrder{{n}}Handler(Mailer mailer)
        {
            [CommandHandler]
            public async Task HandleAsync(ShipOrder{{n}} command, MessageContext context, CancellationToken cancellationToken) =>
                await mailer.SendAsync(command.Id, cancellationToken);
        }
        """;

    private static string SyncQuery(string n) => $$"""
        using Estuary;

        namespace Bench.Shop.Items;

        public sealed record GetItem{{n}}(int Id);

        public sealed record Item{{n}}(int Id, string Name);

        public static class GetItem{{n}}Handler
        {
            [QueryHandler]
            public static Item{{n}} Handle(GetItem{{n}} query, Catalog catalog) => new(query.Id, catalog.Name(query.Id));
        }
        """;

    private static string AsyncQuery(string n) => $$"""
        using System.Threading.Tasks;
        using Estuary;

        namespace Bench.Shop.Pricing;

        public sealed record GetPrice{{n}}(int Id);

        public sealed record Price{{n}}(int Id, decimal Amount);

        public sealed class GetPrice{{n}}Handler(Clock clock)
        {
            [QueryHandler]
            public ValueTask<Price{{n}}> HandleAsync(GetPrice{{n}} query, [Header("currency")] string? currency) =>
                new(new Price{{n}}(query.Id, clock.Now.Second));
        }
        """;

    private static string SyncEvent(string n) => $$"""
        using Estuary;

        namespace Bench.Shop.Stock;

        public sealed record StockChanged{{n}}(int Id, int Quantity);

        public sealed class StockChanged{{n}}Subscriber
        {
            [EventHandler(Priority = 10)]
            public void On(StockChanged{{n}} @event, [Header("user")] string? user, Audit audit) => audit.Record(user ?? "system", @event);
        }
        """;

    private static string AsyncEvent(string n) => $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using Estuary;

        namespace Bench.Shop.Notifications;

        public sealed record CustomerNotified{{n}}(int Id);

        public static class CustomerNotified{{n}}Subscriber
        {
            [EventHandler]
            public static ValueTask OnAsync(CustomerNotified{{n}} @event, Mailer mailer, CancellationToken cancellationToken) =>
                new(mailer.SendAsync(@event.Id, cancellationToken));
        }
        """;
}
