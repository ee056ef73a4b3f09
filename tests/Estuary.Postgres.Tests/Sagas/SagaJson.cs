using System.Text.Json.Serialization;

namespace Estuary.Postgres.Tests.Sagas;

// The stored saga and aggregate, and every message that crosses the channel.
[JsonSerializable(typeof(CheckoutProcess))]
[JsonSerializable(typeof(Parcel))]
[JsonSerializable(typeof(CheckoutStarted))]
[JsonSerializable(typeof(RequestCheckoutPayment))]
[JsonSerializable(typeof(CheckoutPaymentDue))]
[JsonSerializable(typeof(CheckoutPaid))]
[JsonSerializable(typeof(ShipCheckout))]
[JsonSerializable(typeof(CheckoutShipped))]
[JsonSerializable(typeof(CheckoutNoteRecorded))]
[JsonSerializable(typeof(ParcelDispatched))]
[JsonSerializable(typeof(DispatchParcelFromQueue))]
internal sealed partial class SagaJson : JsonSerializerContext;
