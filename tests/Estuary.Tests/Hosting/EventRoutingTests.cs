using System.Collections.Generic;
using System.Threading.Tasks;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Tests.Hosting;

public interface IShipmentEvent;

public abstract record ShipmentEvent(string Id) : IShipmentEvent;

public sealed record ShipmentDelayed(string Id) : ShipmentEvent(Id);

public sealed class EventRoutingTests
{
    [Fact]
    public async Task Subscribers_of_the_type_its_base_and_its_interface_run_highest_priority_first()
    {
        var log = new List<string>();
        var exact = new SyncEventEndpoint<ShipmentDelayed>(Describe.Event("Exact", true, priority: 1), (_, _) => log.Add("exact"));
        var baseClass = new AsyncEventEndpoint<ShipmentEvent>(Describe.Event("Base", false, priority: 5), async (_, _) =>
        {
            await Task.Yield();
            log.Add("base");
        });
        var contract = new SyncEventEndpoint<IShipmentEvent>(Describe.Event("Interface", true, priority: -1), (_, _) => log.Add("interface"));
        var unrelated = new SyncEventEndpoint<string>(Describe.Event("Unrelated", true, priority: 9), (_, _) => log.Add("unrelated"));
        using var host = Host.With(exact, baseClass, contract, unrelated);

        await host.GetRequiredService<IEventBus>().PublishAsync(new ShipmentDelayed("s1"));

        Assert.Equal(["base", "exact", "interface"], log);
    }

    [Fact]
    public async Task Pattern_subscriber_receives_events_whose_registered_name_matches()
    {
        var log = new List<string>();
        var pattern = new SyncEventEndpoint<object>(Describe.Event("Pattern", true, listenTo: "shipment.*", hasPayload: false), (_, _) => log.Add("Pattern"));
        var name = new MessageType<ShipmentDelayed>("shipment.delayed", [typeof(ShipmentEvent), typeof(IShipmentEvent)], null);
        using var host = Host.Create(e => e.AddModule(new FirstModule([pattern], [name])));

        await host.GetRequiredService<IEventBus>().PublishAsync(new ShipmentDelayed("s2"));
        await host.GetRequiredService<IEventBus>().PublishWithRoutingAsync("shipment.lost");
        await host.GetRequiredService<IEventBus>().PublishWithRoutingAsync("parcel.lost");

        Assert.Equal(["Pattern", "Pattern"], log);
    }

    [Fact]
    public async Task Event_published_by_routing_key_reaches_pattern_subscribers_with_the_key_as_routing_key()
    {
        string? routingKey = null;
        var pattern = new SyncEventEndpoint<object>(Describe.Event("Pattern", true, listenTo: "shipment.*", hasPayload: false), (_, context) => routingKey = context.RoutingKey);
        using var host = Host.With(pattern);

        await host.GetRequiredService<IEventBus>().PublishWithRoutingAsync("shipment.lost", new ShipmentDelayed("s3"));

        Assert.Equal("shipment.lost", routingKey);
    }

    [Fact]
    public async Task Event_without_subscribers_is_a_no_op()
    {
        using var host = Host.With();

        await host.GetRequiredService<IEventBus>().PublishAsync(new ShipmentDelayed("s4"));
        await host.GetRequiredService<IEventBus>().PublishWithRoutingAsync("nobody");
    }
}
