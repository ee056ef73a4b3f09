using System;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Testing.Tests.Shop;

/// <summary>The shop's module with fresh fakes, as a test would set it up.</summary>
internal static class ShopHost
{
    public static EstuaryTestHost Create(Action<EstuaryBuilder>? configure = null, Action<IServiceCollection>? services = null) =>
        EstuaryTestHost.Create<TestingTestsModule>(configure, collection =>
        {
            collection.AddSingleton<OrderBook>();
            collection.AddSingleton<Warehouse>();
            collection.AddSingleton<PaymentGateway>();
            collection.AddSingleton<FakeMailer>();
            collection.AddSingleton<GiftCardBalanceTable>();
            collection.AddSingleton<IMailer>(static provider => provider.GetRequiredService<FakeMailer>());
            services?.Invoke(collection);
        });
}
