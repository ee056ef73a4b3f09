using System;
using System.Threading.Tasks;
using Estuary.Runtime;
using Estuary.Tests.Serialization;
using Xunit;

namespace Estuary.Tests.Messaging;

/// <summary>The binders generated endpoints call for [Header] parameters, run inside a dispatch.</summary>
public sealed class HeaderBindingTests
{
    private static async Task<T> Bind<T>(Func<MessageContext, Endpoint, T> bind, MessageHeaders? headers)
    {
        SyncEndpoint<Invoice, T>? endpoint = null;
        endpoint = new SyncEndpoint<Invoice, T>(Describe.Query("InvoiceHandler.Handle", isSynchronous: true), (_, context) => bind(context, endpoint!));
        using var host = Host.With(endpoint);
        return await Dispatch.Request(host.Bus(), endpoint, new Invoice("i", 1m), headers, default);
    }

    [Fact]
    public async Task Required_parsable_header_is_converted_from_text()
    {
        var value = await Bind(static (c, e) => HeaderBinding.RequiredParsable<int>(c, "attempt", e, "attempt"), new MessageHeaders { ["attempt"] = "42" });

        Assert.Equal(42, value);
    }

    [Fact]
    public async Task Reserved_headers_can_be_bound_like_user_headers()
    {
        var id = Guid.NewGuid();

        var value = await Bind(static (c, e) => HeaderBinding.RequiredParsable<Guid>(c, MessageHeaderNames.MessageId, e, "id"), new MessageHeaders { [MessageHeaderNames.MessageId] = id });

        Assert.Equal(id, value);
    }

    [Fact]
    public async Task Missing_required_header_error_names_the_handler_header_parameter_and_message()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<MissingHeaderException>(async () =>
            await Bind(static (c, e) => HeaderBinding.RequiredString(c, "user", e, "userName"), new MessageHeaders { [MessageHeaderNames.MessageId] = id }));

        Assert.Contains("InvoiceHandler.Handle", error.Message);
        Assert.Contains("header 'user'", error.Message);
        Assert.Contains("parameter 'userName'", error.Message);
        Assert.Contains($"Invoice (id {id})", error.Message);
        Assert.Contains("[\"user\"]", error.Message);
    }

    [Fact]
    public async Task Unconvertible_header_error_shows_the_value_and_its_type()
    {
        var error = await Assert.ThrowsAsync<MissingHeaderException>(async () =>
            await Bind(static (c, e) => HeaderBinding.RequiredEnum<DayOfWeek>(c, "day", e, "day"), new MessageHeaders { ["day"] = true }));

        Assert.Contains("'True' (Boolean)", error.Message);
        Assert.Contains("cannot be converted", error.Message);
    }

    [Fact]
    public async Task Optional_headers_bind_null_when_absent_or_null()
    {
        var (text, number, day, cast) = await Bind(
            static (c, e) => (
                HeaderBinding.OptionalString(c, "a", e, "a"),
                HeaderBinding.OptionalParsableValue<int>(c, "b", e, "b"),
                HeaderBinding.OptionalEnum<DayOfWeek>(c, "c", e, "c"),
                HeaderBinding.OptionalCastReference<Uri>(c, "d", e, "d")),
            new MessageHeaders { ["b"] = null });

        Assert.Null(text);
        Assert.Null(number);
        Assert.Null(day);
        Assert.Null(cast);
    }

    [Fact]
    public async Task Optional_header_of_the_wrong_type_fails_instead_of_binding_null()
    {
        await Assert.ThrowsAsync<MissingHeaderException>(async () =>
            await Bind(static (c, e) => HeaderBinding.OptionalCastValue<Guid>(c, "g", e, "g"), new MessageHeaders { ["g"] = "not a guid" }));
        await Assert.ThrowsAsync<MissingHeaderException>(async () =>
            await Bind(static (c, e) => HeaderBinding.OptionalEnum<DayOfWeek>(c, "d", e, "d"), new MessageHeaders { ["d"] = "Funday" }));
    }
}
