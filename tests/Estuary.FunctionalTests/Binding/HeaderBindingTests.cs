using System;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Binding;

public sealed class HeaderBindingTests
{
    private static readonly Guid s_tenant = Guid.Parse("6f1c2a7e-9d1b-4c1e-8a3f-2b9d5e7c4a10");

    private static MessageHeaders RequiredHeaders() => new()
    {
        ["user"] = "alice",
        ["attempt"] = 3,
        ["tenant"] = s_tenant,
        ["urgency"] = Urgency.Urgent,
    };

    [Fact]
    public async Task Typed_header_values_bind_to_string_int_Guid_and_enum_parameters()
    {
        await using var host = TestHost.Create();

        var bound = await host.Queries().SendAsync(new InspectParcel("p1"), RequiredHeaders());

        Assert.Equal("alice", bound.User);
        Assert.Equal(3, bound.Attempt);
        Assert.Equal(s_tenant, bound.Tenant);
        Assert.Equal(Urgency.Urgent, bound.Urgency);
    }

    [Fact]
    public async Task Text_header_values_are_parsed_to_int_Guid_and_enum()
    {
        await using var host = TestHost.Create();
        var headers = new MessageHeaders
        {
            ["user"] = "alice",
            ["attempt"] = "42",
            ["tenant"] = s_tenant.ToString(),
            ["urgency"] = "urgent",
        };

        var bound = await host.Queries().SendAsync(new InspectParcel("p1"), headers);

        Assert.Equal(42, bound.Attempt);
        Assert.Equal(s_tenant, bound.Tenant);
        Assert.Equal(Urgency.Urgent, bound.Urgency);
    }

    [Fact]
    public async Task Absent_optional_headers_bind_as_null()
    {
        await using var host = TestHost.Create();

        var bound = await host.Queries().SendAsync(new InspectParcel("p1"), RequiredHeaders());

        Assert.Null(bound.Note);
        Assert.Null(bound.Retries);
        Assert.Null(bound.Fallback);
        Assert.Null(bound.Batch);
    }

    [Fact]
    public async Task Present_optional_headers_bind_their_converted_values()
    {
        await using var host = TestHost.Create();
        var batch = Guid.NewGuid();
        var headers = RequiredHeaders();
        headers["note"] = "fragile";
        headers["retries"] = "2";
        headers["fallback"] = "Low";
        headers["batch"] = batch.ToString();

        var bound = await host.Queries().SendAsync(new InspectParcel("p1"), headers);

        Assert.Equal("fragile", bound.Note);
        Assert.Equal(2, bound.Retries);
        Assert.Equal(Urgency.Low, bound.Fallback);
        Assert.Equal(batch, bound.Batch);
    }

    [Fact]
    public async Task Non_text_header_bound_to_a_string_parameter_is_formatted_invariantly()
    {
        await using var host = TestHost.Create();
        var headers = RequiredHeaders();
        headers["user"] = 1234.5m;

        var bound = await host.Queries().SendAsync(new InspectParcel("p1"), headers);

        Assert.Equal("1234.5", bound.User);
    }

    [Fact]
    public async Task Missing_required_header_fails_naming_the_header_and_the_handler()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<MissingHeaderException>(async () => await host.Commands().SendAsync(new ShipParcel("p9")));

        Assert.Contains("'user'", error.Message);
        Assert.Contains("ParcelHandlers.Ship", error.Message);
        Assert.Contains("nullable", error.Message);
        Assert.Empty(host.Log());
    }

    [Fact]
    public async Task Required_header_that_cannot_be_converted_fails_naming_the_header_and_the_value()
    {
        await using var host = TestHost.Create();
        var headers = RequiredHeaders();
        headers["attempt"] = "forty-two";

        var error = await Assert.ThrowsAsync<MissingHeaderException>(async () => await host.Queries().SendAsync(new InspectParcel("p1"), headers));

        Assert.Contains("'attempt'", error.Message);
        Assert.Contains("forty-two", error.Message);
        Assert.Contains("ParcelHandlers.Inspect", error.Message);
    }

    [Fact]
    public async Task Optional_header_that_cannot_be_converted_fails_instead_of_binding_null()
    {
        await using var host = TestHost.Create();
        var headers = RequiredHeaders();
        headers["retries"] = "many";

        var error = await Assert.ThrowsAsync<MissingHeaderException>(async () => await host.Queries().SendAsync(new InspectParcel("p1"), headers));

        Assert.Contains("'retries'", error.Message);
    }

    [Fact]
    public async Task Required_header_present_lets_the_handler_run()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new ShipParcel("p9"), new MessageHeaders { ["user"] = "bob" });

        Assert.Equal(["shipped p9 for bob"], host.Log());
    }
}
