using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Projections;

/// <summary>Events a projection emits: stored in its stream and published with the batch, never again when it is rebuilt.</summary>
public sealed class EmissionTests
{
    private const string Name = "parcel_counts";

    [Fact]
    public async Task Emitted_events_reach_the_projections_stream_and_the_subscribers_once_and_a_rebuild_emits_only_what_is_new()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        var events = host.GetRequiredService<IEventStore>();
        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Oslo"));
        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Oslo"));

        await projections.CatchUpAsync(Name);

        Assert.Equal(["Oslo 1", "Oslo 2"], host.Log());
        Assert.Equal(2, (await events.ReadStreamAsync(ProjectionEmitter.StreamOf(Name))).Count);

        // Replayed: the read model is rebuilt, nothing is emitted again.
        Assert.Equal(2, await projections.RebuildAsync(Name));
        Assert.Equal(["Oslo 1", "Oslo 2"], host.Log());
        Assert.Equal(2, (await events.ReadStreamAsync(ProjectionEmitter.StreamOf(Name))).Count);
        Assert.Equal(new EventTally(2), await host.GetRequiredService<IDocumentStore>().FindAsync<EventTally>(ParcelCounts.Collection, "Oslo"));

        // Reset again, then a new parcel: the old events replay silently, the new one emits.
        await projections.ResetAsync(Name);
        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Oslo"));
        Assert.Equal(3, await projections.CatchUpAsync(Name));

        Assert.Equal(["Oslo 1", "Oslo 2", "Oslo 3"], host.Log());
        var stream = await events.ReadStreamAsync(ProjectionEmitter.StreamOf(Name));
        Assert.Equal(3, stream.Count);
        Assert.Equal("parcel.destination-counted", stream.Last().Type);
    }

    [Fact]
    public async Task Outside_a_projection_handler_the_emitter_refuses_to_emit()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await host.GetRequiredService<ProjectionEmitter>().EmitAsync(new DestinationCounted("Oslo", 1)));

        Assert.Contains("projection's event handlers only", refused.Message, StringComparison.Ordinal);
    }
}
