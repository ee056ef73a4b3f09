using System.Text.Json.Serialization;

namespace OrderSaga;

// What is stored (the order, the saga) and what crosses a channel is serialized with System.Text.Json
// source-generated metadata; the Estuary analyzers report a message missing here (EST0025).
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(OrderFulfilment))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(CapturePayment))]
[JsonSerializable(typeof(PaymentCaptured))]
[JsonSerializable(typeof(PaymentFailed))]
[JsonSerializable(typeof(PaymentRequested))]
internal sealed partial class OrderSagaJson : JsonSerializerContext;
