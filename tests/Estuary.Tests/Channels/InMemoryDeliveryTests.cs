using System;
using Estuary.Channels;
using Estuary.Fixtures.Delivery;

namespace Estuary.Tests.Channels;

/// <summary>The delivery suite on in-memory channels with the in-memory stores.</summary>
public sealed class InMemoryDeliveryTests : DeliveryContract
{
    protected override void Declare(EstuaryBuilder estuary, string name, Action<ConsumerSettings>? consumer) =>
        estuary.AddInMemoryChannel(name, consumer);
}
