using System;
using System.Threading.Tasks;
using Estuary;

namespace OrderSaga;

public sealed record CapturePayment(Guid OrderId, decimal Amount, string PaymentMethod);

public sealed record PaymentCaptured(Guid OrderId, decimal Amount);

public sealed record PaymentFailed(Guid OrderId, string Reason);

/// <summary>
/// The payment side. It is asynchronous: the saga's request waits on the "payments" channel, so a
/// slow or unavailable provider never holds up the saga, and a failed call is retried by the channel.
/// It answers with an event and knows nothing of orders or sagas.
/// </summary>
public static class PaymentService
{
    [Asynchronous(ChannelNames.Payments)]
    [CommandHandler(EndpointId = "payments.capture")]
    public static async Task Capture(CapturePayment command, FakePaymentProvider provider, IEventBus events, Story story)
    {
        switch (provider.Charge(command.PaymentMethod, command.Amount))
        {
            case PaymentOutcome.Captured:
                story.Tell(command.OrderId, "payments", $"{command.Amount:0.00} captured");
                await events.PublishAsync(new PaymentCaptured(command.OrderId, command.Amount));
                break;

            case PaymentOutcome.Declined:
                story.Tell(command.OrderId, "payments", "card declined");
                await events.PublishAsync(new PaymentFailed(command.OrderId, "card declined"));
                break;

            default:
                // The provider answers later, once the customer confirms in their bank's app. Nothing is
                // published now: if no answer comes, the saga's payment deadline decides.
                story.Tell(command.OrderId, "payments", "waiting for the customer to confirm in their bank's app");
                break;
        }
    }
}

public enum PaymentOutcome
{
    Captured,
    Declined,
    AwaitingCustomer,
}

/// <summary>
/// Stands in for a card payment provider. As in a provider's sandbox, the payment method decides
/// the outcome; the sample's customers use one of these three.
/// </summary>
public sealed class FakePaymentProvider
{
    public const string WorkingCard = "card-ok";
    public const string DeclinedCard = "card-declined";

    /// <summary>A card whose bank asks the customer to confirm each payment (3-D Secure).</summary>
    public const string CardNeedingConfirmation = "card-3ds";

    public PaymentOutcome Charge(string paymentMethod, decimal amount) => paymentMethod switch
    {
        WorkingCard => PaymentOutcome.Captured,
        DeclinedCard => PaymentOutcome.Declined,
        CardNeedingConfirmation => PaymentOutcome.AwaitingCustomer,
        _ => throw new ArgumentException($"Unknown payment method '{paymentMethod}'. Use one of the FakePaymentProvider cards.", nameof(paymentMethod)),
    };
}
