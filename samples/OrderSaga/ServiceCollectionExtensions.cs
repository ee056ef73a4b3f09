using System;
using System.IO;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrderSaga;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The services the handlers take besides Estuary's: the clock (the system's unless one is
    /// registered first), the payment provider stand-in and the story printer, writing to
    /// <paramref name="story"/>. The program and the tests both call this.
    /// </summary>
    public static IServiceCollection AddOrderSagaServices(this IServiceCollection services, TextWriter story)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services
            .AddSingleton<FakePaymentProvider>()
            .AddSingleton(provider => new Story(provider.GetRequiredService<TimeProvider>(), story));
    }
}
