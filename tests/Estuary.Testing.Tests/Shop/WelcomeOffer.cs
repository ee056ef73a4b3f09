using System;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Estuary.Testing.Tests.Shop;

public sealed record CustomerJoined(Guid CustomerId);

public sealed record PurchaseMade(Guid CustomerId, decimal Amount);

public sealed record OfferUsed(Guid CustomerId, decimal Discount);

/// <summary>A saga, to test the harness's given events and saga state: a discount on the first purchase.</summary>
[Saga(Name = "welcome-offers")]
public sealed class WelcomeOffer
{
    [Identifier]
    public Guid CustomerId { get; set; }

    public int Purchases { get; set; }

    [SagaCompleted]
    public bool Used { get; set; }

    [EventHandler]
    public static WelcomeOffer Start(CustomerJoined joined) => new() { CustomerId = joined.CustomerId };

    [EventHandler]
    public async Task OnPurchase(PurchaseMade purchase, IEventBus events)
    {
        Purchases++;
        if (purchase.Amount >= 50m)
        {
            Used = true;
            await events.PublishAsync(new OfferUsed(CustomerId, purchase.Amount / 10));
        }
    }
}

[JsonSerializable(typeof(WelcomeOffer))]
internal sealed partial class WelcomeOfferJson : JsonSerializerContext;
