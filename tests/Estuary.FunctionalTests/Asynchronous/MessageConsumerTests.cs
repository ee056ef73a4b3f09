using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Asynchronous;

/// <summary>A [MessageConsumer] takes a channel's messages that name no endpoint: another program's, in its own format.</summary>
public sealed class MessageConsumerTests
{
    [Fact]
    public async Task A_message_naming_no_endpoint_goes_to_the_channels_consumer_with_its_headers()
    {
        using var host = TestHost.Create();
        var id = Guid.NewGuid();
        await host.Channel(AsyncChannels.Imports).SendAsync(Foreign(id, """{"Id":"c-1","Email":"ada@example.com"}""", ("crm-tenant", "acme")), default);

        var run = await host.Drain(AsyncChannels.Imports);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal([$"imported c-1 <ada@example.com> for acme ({id})"], host.Log());
    }

    [Fact]
    public async Task The_consumer_deduplicates_by_message_id_and_dead_letters_a_body_it_cannot_read()
    {
        using var host = TestHost.Create();
        var id = Guid.NewGuid();
        var channel = host.Channel(AsyncChannels.Imports);
        await channel.SendAsync(Foreign(id, """{"Id":"c-2","Email":"bo@example.com"}"""), default);
        await channel.SendAsync(Foreign(id, """{"Id":"c-2","Email":"bo@example.com"}"""), default);
        await channel.SendAsync(Foreign(Guid.NewGuid(), "<customer/>"), default);

        var run = await host.Drain(AsyncChannels.Imports);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(1, run[DeliveryOutcome.Duplicate]);
        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Contains("not valid JSON", Assert.Single(await host.DeadLetters().ListAsync()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_bus_routes_to_a_message_consumer()
    {
        using var host = TestHost.Create();

        await Assert.ThrowsAsync<NoHandlerException>(async () => await host.Commands().SendObjectAsync(new ImportedCustomer("c-3", "cy@example.com")));
        Assert.Empty(host.Channel(AsyncChannels.Imports).Drain());
    }

    [Fact]
    public async Task A_channel_without_a_consumer_dead_letters_a_message_naming_no_endpoint_with_the_reason()
    {
        using var host = TestHost.Create();
        await host.Channel(AsyncChannels.Payments).SendAsync(Foreign(Guid.NewGuid(), "{}"), default);

        var run = await host.Drain(AsyncChannels.Payments);

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Contains("has no default endpoint", Assert.Single(await host.DeadLetters().ListAsync()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_endpoint_the_channel_does_not_have_stops_the_host_from_starting()
    {
        using var host = TestHost.Create(estuary: static estuary => estuary
            .AddModule<FunctionalTestsModule>()
            .AddTestChannels(orders: static consumer => consumer.DefaultEndpointId = "imports.customer"));

        var error = Assert.Throws<InvalidOperationException>(() => host.GetRequiredService<EstuaryConsumers>());

        Assert.Contains("'imports.customer'", error.Message, StringComparison.Ordinal);
        Assert.Contains(AsyncChannels.Orders, error.Message, StringComparison.Ordinal);
    }

    private static ChannelMessage Foreign(Guid id, string json, params (string Name, string Value)[] headers) => new()
    {
        MessageId = id,
        EndpointId = string.Empty,
        Payload = Encoding.UTF8.GetBytes(json),
        Headers = headers.ToDictionary(static h => h.Name, static h => h.Value),
    };
}
