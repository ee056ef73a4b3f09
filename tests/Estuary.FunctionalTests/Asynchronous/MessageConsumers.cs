using System.Text.Json.Serialization;

namespace Estuary.FunctionalTests.Asynchronous;

/// <summary>A record another program puts on the imports channel, as JSON with its own headers.</summary>
public sealed record ImportedCustomer(string Id, string Email);

[JsonSerializable(typeof(ImportedCustomer))]
internal partial class ImportJson : JsonSerializerContext;

public static class CustomerImports
{
    [MessageConsumer(AsyncChannels.Imports, EndpointId = "imports.customer")]
    public static void Import(ImportedCustomer customer, [Header("crm-tenant")] string? tenant, MessageContext context, CallLog log) =>
        log.Add($"imported {customer.Id} <{customer.Email}> for {tenant ?? "-"} ({context.MessageId})");
}
