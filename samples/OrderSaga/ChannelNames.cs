namespace OrderSaga;

/// <summary>The sample's two channels: one for the saga, one for the payment service.</summary>
public static class ChannelNames
{
    public const string Fulfilment = "fulfilment";
    public const string Payments = "payments";
}
