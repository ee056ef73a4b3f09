using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Projections;

/// <summary>A synchronous projection on the in-memory stores: up to date when the command returns, or the command fails.</summary>
public sealed class SynchronousProjectionTests
{
    [Fact]
    public async Task The_tally_counts_a_parcel_before_the_command_returns_without_any_catch_up()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());

        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Oslo"));
        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Oslo"));

        Assert.Equal(new EventTally(2), await host.GetRequiredService<IDocumentStore>().FindAsync<EventTally>(ParcelTally.Collection, "Oslo"));
        Assert.Equal(0, await host.GetRequiredService<EstuaryProjections>().CatchUpAsync("parcel_tally"));
    }

    [Fact]
    public async Task In_a_unit_of_work_a_failing_tally_fails_the_command_and_nothing_is_kept()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        host.GetRequiredService<BoardBug>().FailsOn = "tally Atlantis";
        var parcel = Guid.NewGuid();

        await using (var scope = UnitOfWork.Begin(host.GetRequiredService<Runtime.EstuaryRuntime>(), session: null))
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.Commands().SendAsync(new ShipParcel(parcel, "Atlantis")));
            Assert.Contains("cannot count 'Atlantis'", failure.Message, StringComparison.Ordinal);
        }

        Assert.Null(await host.GetRequiredService<IEventStore>().GetStreamAsync("parcels-" + parcel.ToString("D")));
        Assert.Null(await host.GetRequiredService<IDocumentStore>().FindAsync<EventTally>(ParcelTally.Collection, "Atlantis"));
    }

    [Fact]
    public async Task Outside_a_unit_of_work_the_append_stays_when_the_tally_fails_and_the_fixed_tally_catches_up()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var bug = host.GetRequiredService<BoardBug>();
        bug.FailsOn = "tally Atlantis";
        var parcel = Guid.NewGuid();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.Commands().SendAsync(new ShipParcel(parcel, "Atlantis")));

        Assert.NotNull(await host.GetRequiredService<IEventStore>().GetStreamAsync("parcels-" + parcel.ToString("D")));
        bug.FailsOn = null;
        Assert.Equal(1, await host.GetRequiredService<EstuaryProjections>().CatchUpAsync("parcel_tally"));
        Assert.Equal(new EventTally(1), await host.GetRequiredService<IDocumentStore>().FindAsync<EventTally>(ParcelTally.Collection, "Atlantis"));
    }
}
