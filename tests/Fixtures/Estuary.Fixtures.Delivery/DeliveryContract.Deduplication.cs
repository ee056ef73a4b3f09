using System;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Delivery;

/// <summary>
/// A handled message leaves its deduplication mark, so the same message coming again is a duplicate;
/// a message settled any other way (expired, dead-lettered, retried later, a failed attempt) leaves
/// none, so it is handled when it comes again.
/// </summary>
public abstract partial class DeliveryContract
{
    [Fact]
    public async Task A_message_handled_on_its_instant_retry_is_a_duplicate_when_it_comes_again()
    {
        var host = CreateHost();
        var id = Guid.NewGuid();
        await SendRawAsync(host, "delivery.fail-once", """{"Label":"i"}""", typeof(FailOnce).FullName, messageId: id);
        var first = await DrainAsync(host);

        await SendRawAsync(host, "delivery.fail-once", """{"Label":"i"}""", typeof(FailOnce).FullName, messageId: id);
        var again = await DrainAsync(host);

        Assert.Equal(1, first[DeliveryOutcome.Handled]);
        Assert.Equal(1, again[DeliveryOutcome.Duplicate]);
        Assert.Equal(["attempt i", "attempt i"], Log(host));
    }

    [Fact]
    public async Task A_message_retried_later_is_handled_when_its_retry_comes_and_is_a_duplicate_after()
    {
        var host = CreateHost();
        var id = Guid.NewGuid();
        await SendRawAsync(host, "delivery.fail-once-later", """{"Label":"l"}""", typeof(FailOnceLater).FullName, messageId: id);
        var run = await DrainAsync(host);

        await SendRawAsync(host, "delivery.fail-once-later", """{"Label":"l"}""", typeof(FailOnceLater).FullName, messageId: id);
        var again = await DrainAsync(host);

        Assert.Equal((1, 1), (run[DeliveryOutcome.Retrying], run[DeliveryOutcome.Handled]));
        Assert.Equal(1, again[DeliveryOutcome.Duplicate]);
        Assert.Equal(["attempt l", "attempt l"], Log(host));
    }

    [Fact]
    public async Task An_expired_message_leaves_no_mark_so_the_same_message_is_handled_when_it_comes_in_time()
    {
        var host = CreateHost();
        var id = Guid.NewGuid();
        await SendRawAsync(host, "delivery.transfer", """{"Account":"nl-4","Amount":2}""", typeof(Transfer).FullName, expiresAt: DateTimeOffset.UtcNow.AddSeconds(-1), messageId: id);
        var expired = await DrainAsync(host);

        await SendRawAsync(host, "delivery.transfer", """{"Account":"nl-4","Amount":2}""", typeof(Transfer).FullName, messageId: id);
        var handled = await DrainAsync(host);

        Assert.Equal(1, expired[DeliveryOutcome.Expired]);
        Assert.Equal(1, handled[DeliveryOutcome.Handled]);
        Assert.Equal(["booked nl-4 2"], Log(host));
    }

    [Fact]
    public async Task A_message_dead_lettered_for_its_payload_leaves_no_mark_so_it_is_handled_once_corrected()
    {
        var host = CreateHost();
        var id = Guid.NewGuid();
        await SendRawAsync(host, "delivery.transfer", """{"Account":"nl-5","Amount":"lots"}""", typeof(Transfer).FullName, messageId: id);
        var rejected = await DrainAsync(host);

        await SendRawAsync(host, "delivery.transfer", """{"Account":"nl-5","Amount":5}""", typeof(Transfer).FullName, messageId: id);
        var handled = await DrainAsync(host);

        Assert.Equal(1, rejected[DeliveryOutcome.DeadLettered]);
        Assert.Equal(1, handled[DeliveryOutcome.Handled]);
        Assert.Equal(["booked nl-5 5"], Log(host));
    }

    [Fact]
    public async Task An_endpoint_deduplicating_by_a_member_takes_each_payment_once_whatever_the_message_ids()
    {
        var host = CreateHost();
        var id = Guid.NewGuid();
        await SendRawAsync(host, "delivery.payment", """{"PaymentId":"p-1","Label":"first"}""", typeof(Payment).FullName, messageId: id);
        await SendRawAsync(host, "delivery.payment", """{"PaymentId":"p-1","Label":"again"}""", typeof(Payment).FullName);
        var run = await DrainAsync(host, concurrency: 1);

        // The first message's id again, for another payment: the endpoint's key is the payment, not the id.
        await SendRawAsync(host, "delivery.payment", """{"PaymentId":"p-2","Label":"second"}""", typeof(Payment).FullName, messageId: id);
        var next = await DrainAsync(host);

        Assert.Equal((1, 1), (run[DeliveryOutcome.Handled], run[DeliveryOutcome.Duplicate]));
        Assert.Equal(1, next[DeliveryOutcome.Handled]);
        Assert.Equal(["paid p-1 first", "paid p-2 second"], Log(host));
    }
}
