using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Estuary.Runtime;
using Xunit;

namespace Estuary.Tests.Serialization;

public sealed record Invoice(string Id, decimal Amount);

public sealed record Receipt(string Id);

public sealed record Unregistered(string Id);

[JsonSerializable(typeof(Invoice))]
internal partial class RegistryJson : JsonSerializerContext;

public sealed class MessageRegistryTests
{
    private static readonly MessageType<Invoice> s_invoice = new("billing.invoice", [], RegistryJson.Default.Invoice);

    private static readonly MessageType<Receipt> s_receipt = new("billing.receipt", [], null);

    private static MessageRegistry Registry() => new([s_invoice, s_receipt]);

    private static readonly Endpoint s_invoiceEndpoint =
        new SyncEndpoint<Invoice, int>(Describe.Command("InvoiceHandler.Handle", isSynchronous: true), static (_, _) => 0);

    [Fact]
    public void Two_types_with_the_same_name_are_rejected_naming_both()
    {
        var error = Assert.Throws<EstuaryException>(() => new MessageRegistry([s_invoice, new MessageType<Receipt>("billing.invoice", [], null)]));

        Assert.Contains("'billing.invoice'", error.Message);
        Assert.Contains(typeof(Invoice).FullName!, error.Message);
        Assert.Contains(typeof(Receipt).FullName!, error.Message);
        Assert.Contains("[MessageName(", error.Message);
    }

    [Fact]
    public void One_type_described_by_several_modules_is_registered_once_preferring_json_metadata()
    {
        var withoutJson = new MessageType<Invoice>("billing.invoice", [], null);

        var registry = new MessageRegistry([withoutJson, s_invoice]);

        Assert.True(registry.TryGetByType(typeof(Invoice), out var type));
        Assert.True(type.IsSerializable);
        Assert.Single(registry.Types);
    }

    [Fact]
    public void Types_are_found_by_name_and_by_clr_type()
    {
        var registry = Registry();

        Assert.True(registry.TryGetByName("billing.receipt", out var byName));
        Assert.Equal(typeof(Receipt), byName.ClrType);
        Assert.Equal("billing.invoice", registry.NameOf(typeof(Invoice)));
        Assert.Null(registry.NameOf(typeof(Unregistered)));
        Assert.False(registry.TryGetByName("billing.unknown", out _));
    }

    [Fact]
    public void Registered_message_round_trips_through_json()
    {
        var registry = Registry();

        var json = registry.SerializeToUtf8(new Invoice("i1", 12.5m));
        var back = registry.Deserialize<Invoice>(json);

        Assert.Equal(new Invoice("i1", 12.5m), back);
    }

    [Fact]
    public void Deserializing_an_unregistered_type_fails_naming_it()
    {
        var error = Assert.Throws<MessageConversionException>(() => Registry().Deserialize<Unregistered>("{}"u8));

        Assert.Contains(typeof(Unregistered).FullName!, error.Message);
        Assert.Contains("not a registered message type", error.Message);
    }

    [Fact]
    public void Deserializing_a_type_without_json_metadata_says_to_add_JsonSerializable()
    {
        var error = Assert.Throws<MessageConversionException>(() => Registry().Deserialize<Receipt>("""{"Id":"r"}"""u8));

        Assert.Contains("[JsonSerializable(typeof(Receipt))]", error.Message);
    }

    [Fact]
    public void Invalid_json_fails_with_the_parser_error_as_inner_exception()
    {
        var error = Assert.Throws<MessageConversionException>(() => Registry().Deserialize<Invoice>("""{"Id": """u8));

        Assert.Contains("billing.invoice", error.Message);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public void Json_null_fails_instead_of_producing_a_null_message()
    {
        var error = Assert.Throws<MessageConversionException>(() => Registry().Deserialize<Invoice>("null"u8));

        Assert.Contains("null", error.Message);
    }

    [Fact]
    public void Payload_of_the_endpoints_type_is_passed_through()
    {
        var invoice = new Invoice("i", 1m);

        Assert.Same(invoice, Registry().ConvertPayload<Invoice>(invoice, null, s_invoiceEndpoint));
    }

    [Fact]
    public void Json_text_and_bytes_payloads_are_deserialized()
    {
        var registry = Registry();
        const string Json = """{"Id":"i2","Amount":3}""";

        var fromText = registry.ConvertPayload<Invoice>(Json, MessageRegistry.JsonContentType, s_invoiceEndpoint);
        var fromBytes = registry.ConvertPayload<Invoice>(Encoding.UTF8.GetBytes(Json), "application/json; charset=utf-8", s_invoiceEndpoint);
        var fromMemory = registry.ConvertPayload<Invoice>(new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(Json)), MessageRegistry.JsonContentType, s_invoiceEndpoint);

        Assert.Equal(new Invoice("i2", 3m), fromText);
        Assert.Equal(fromText, fromBytes);
        Assert.Equal(fromText, fromMemory);
    }

    [Fact]
    public void Payload_of_another_type_fails_naming_the_endpoint_and_both_types()
    {
        var error = Assert.Throws<MessageConversionException>(() => Registry().ConvertPayload<Invoice>(new Receipt("r"), null, s_invoiceEndpoint));

        Assert.Contains("InvoiceHandler.Handle", error.Message);
        Assert.Contains(typeof(Invoice).FullName!, error.Message);
        Assert.Contains(typeof(Receipt).FullName!, error.Message);
    }

    [Fact]
    public void Text_payload_with_a_non_json_content_type_fails_naming_the_content_type()
    {
        var error = Assert.Throws<MessageConversionException>(() => Registry().ConvertPayload<Invoice>("<invoice/>", "application/xml", s_invoiceEndpoint));

        Assert.Contains("'application/xml'", error.Message);
        Assert.Contains(MessageRegistry.JsonContentType, error.Message);
    }

    [Fact]
    public void Null_payload_fails_for_an_endpoint_that_takes_a_message()
    {
        var error = Assert.Throws<MessageConversionException>(() => Registry().ConvertPayload<Invoice>(null, null, s_invoiceEndpoint));

        Assert.Contains("InvoiceHandler.Handle", error.Message);
    }

    [Fact]
    public void Endpoint_without_a_message_parameter_ignores_the_payload()
    {
        var routingOnly = new SyncEndpoint<Invoice, int>(Describe.Command("Ping.Handle", isSynchronous: true, routingKey: "ping", hasPayload: false), static (_, _) => 0);

        Assert.Null(Registry().ConvertPayload<Invoice>("not even json", "text/plain", routingOnly));
    }
}
