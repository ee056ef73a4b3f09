using System.Threading.Tasks;

namespace Estuary.Testing.Tests.Shop;

public sealed class PaymentHandlers(PaymentGateway gateway)
{
    /// <summary>Retried once at once, then twice after about 1 s and 2 s, then dead-lettered.</summary>
    [Asynchronous(ShopChannels.Payments)]
    [CommandHandler(EndpointId = "payments.charge")]
    [Retry(Instant = 1, Delayed = 2, InitialDelayMilliseconds = 1000, Multiplier = 2)]
    public async Task Charge(ChargeCard command)
    {
        await Task.Yield();
        gateway.Charge(command.OrderId, command.Amount);
    }
}
