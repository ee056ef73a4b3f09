using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Projections;

/// <summary>Projection handlers that take the stored event itself, or nothing but its name.</summary>
public sealed class RawHandlerTests
{
    [Fact]
    public async Task A_handler_taking_the_stored_event_sees_every_event_of_its_streams_without_deserializing_and_a_pattern_handler_every_matching_name()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Lyon"));
        var events = host.GetRequiredService<IEventStore>();

        // A payload no deserializer accepts, and a name no module registers.
        await events.AppendAsync("parcels-" + Guid.NewGuid().ToString("D"), ExpectedVersion.NoStream, [Raw("parcel.shipped", """{"ParcelId":"not a guid"}""")]);
        await events.AppendAsync("parcels-" + Guid.NewGuid().ToString("D"), ExpectedVersion.NoStream, [Raw("parcel.lost", """{"where":"sea"}""")]);
        await events.AppendAsync("tickets-" + Guid.NewGuid().ToString("D"), ExpectedVersion.NoStream, [Raw("parcel.elsewhere", "{}")]);

        Assert.Equal(3, await host.GetRequiredService<EstuaryProjections>().CatchUpAsync("parcel_event_names"));

        var documents = host.GetRequiredService<IDocumentStore>();
        Assert.Equal(new EventTally(2), await documents.FindAsync<EventTally>(ParcelEventNames.Collection, "stored parcel.shipped"));
        Assert.Equal(new EventTally(1), await documents.FindAsync<EventTally>(ParcelEventNames.Collection, "stored parcel.lost"));
        Assert.Equal(new EventTally(3), await documents.FindAsync<EventTally>(ParcelEventNames.Collection, "parcel.*"));
    }

    private static EventData Raw(string name, string json) => new(Guid.NewGuid(), name, Encoding.UTF8.GetBytes(json), EventMetadata.Empty);
}
