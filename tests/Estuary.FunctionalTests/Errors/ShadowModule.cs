using System.Collections.Generic;
using Estuary.FunctionalTests.Handling;
using Estuary.FunctionalTests.Routing;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.FunctionalTests.Errors;

/// <summary>
/// A hand-written module that also handles <see cref="RegisterCustomer"/>, as a second assembly
/// claiming the same command would: composing it with FunctionalTestsModule must be refused.
/// </summary>
public sealed class ShadowCustomersModule : EstuaryModule
{
    private static readonly Endpoint[] s_endpoints = [new ShadowRegisterEndpoint()];

    public override string Name => "ShadowCustomersModule";

    public override IReadOnlyList<Endpoint> Endpoints => s_endpoints;

    public override IReadOnlyList<MessageType> MessageTypes { get; } = [new MessageType<RegisterCustomer>("shadow.register", [], null)];

    public override void ConfigureServices(IServiceCollection services, EstuaryOptions options)
    {
    }

    private sealed class ShadowRegisterEndpoint()
        : RequestEndpoint<RegisterCustomer, Nothing>(new EndpointDescription(EndpointKind.Command, "ShadowCustomers.Register", "shadow.register", "ShadowCustomersModule", null, IsSynchronous: true))
    {
        public override Nothing Invoke(RegisterCustomer request, MessageContext context) => Nothing.Value;
    }
}

/// <summary>A hand-written module answering routing key "payments.charge", which PaymentHandlers already claims.</summary>
public sealed class ShadowPaymentsModule : EstuaryModule
{
    private static readonly Endpoint[] s_endpoints = [new ShadowChargeEndpoint()];

    public override string Name => "ShadowPaymentsModule";

    public override IReadOnlyList<Endpoint> Endpoints => s_endpoints;

    public override IReadOnlyList<MessageType> MessageTypes { get; } = [];

    public override void ConfigureServices(IServiceCollection services, EstuaryOptions options)
    {
    }

    private sealed class ShadowChargeEndpoint()
        : RequestEndpoint<ChargeCard, Nothing>(new EndpointDescription(EndpointKind.Command, "ShadowPayments.Charge", "shadow.charge", "ShadowPaymentsModule", "payments.charge", IsSynchronous: true, HasPayload: false))
    {
        public override Nothing Invoke(ChargeCard request, MessageContext context) => Nothing.Value;
    }
}
