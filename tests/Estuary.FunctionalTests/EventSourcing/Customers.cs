using System;
using System.Text.Json.Serialization;

namespace Estuary.FunctionalTests.EventSourcing;

public sealed record RegisterCustomer(Guid CustomerId, string Email, string Country);

public sealed record GetCustomer(Guid CustomerId);

[NamedEvent("customer.registered")]
public sealed record CustomerRegistered(Guid CustomerId, [property: Sensitive] string? Email, string Country);

/// <summary>Personal data in events: the email is stored encrypted with the customer's key.</summary>
[EventSourcingAggregate]
[AggregateType("customer")]
public sealed class Customer
{
    [Identifier]
    public Guid CustomerId { get; set; }

    public string? Email { get; set; }

    public string Country { get; set; } = string.Empty;

    [CommandHandler]
    public static CustomerRegistered Register(RegisterCustomer command) => new(command.CustomerId, command.Email, command.Country);

    [QueryHandler]
    public string Describe(GetCustomer query) => $"{Email ?? "(forgotten)"} in {Country}";

    [EventSourcingHandler]
    public void On(CustomerRegistered registered)
    {
        CustomerId = registered.CustomerId;
        Email = registered.Email;
        Country = registered.Country;
    }
}

[JsonSerializable(typeof(CustomerRegistered))]
internal sealed partial class CustomerJson : JsonSerializerContext;
