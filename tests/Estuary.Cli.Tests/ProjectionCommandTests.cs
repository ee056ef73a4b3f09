using System.Collections.Generic;
using System.Threading.Tasks;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Cli.Tests;

public sealed class ProjectionCommandTests
{
    [Fact]
    public async Task The_list_shows_how_far_behind_each_projection_is_and_catch_up_runs_it()
    {
        await using var host = CliHost.Create();
        await ScanAsync(host, "parcels-1", "p1", "p2");
        await ScanAsync(host, "letters-1", "not read");
        await ScanAsync(host, "parcels-2", "p3");

        var before = await host.RunAsync("estuary projections");
        var catchUp = await host.RunAsync("estuary projections catch-up cli_parcels");
        var after = await host.RunAsync("estuary projections");

        Assert.Equal(["cli_parcels", "polled", "0/0", "3", "no", "-"], before.Row("cli_parcels"));
        Assert.Equal(0, catchUp.ExitCode);
        Assert.Equal(["Projection cli_parcels handled 3 events."], catchUp.Lines);
        Assert.Equal(["scanned p1", "scanned p2", "scanned p3"], host.Ledger.Entries);
        Assert.Equal(["0", "yes"], after.Row("cli_parcels")[3..5]);
    }

    [Fact]
    public async Task Rebuild_needs_yes_shows_itself_with_dry_run_and_replays_after_the_reset_hook()
    {
        await using var host = CliHost.Create();
        await ScanAsync(host, "parcels-1", "p1");
        await host.RunAsync("estuary projections catch-up cli_parcels");

        var refused = await host.RunAsync("estuary projections rebuild cli_parcels");
        var dryRun = await host.RunAsync("estuary projections rebuild cli_parcels --dry-run");
        var rebuilt = await host.RunAsync("estuary projections rebuild cli_parcels --yes");

        Assert.Equal(3, refused.ExitCode);
        Assert.Equal("Would rebuild projection cli_parcels.", refused.Lines[0]);
        Assert.Equal("Would rebuild projection cli_parcels (0 events of its streams not yet handled).", dryRun.Lines[0]);
        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Equal(["Rebuilt projection cli_parcels: 1 event handled."], rebuilt.Lines);
        Assert.Equal(["scanned p1", "reset", "scanned p1"], host.Ledger.Entries);
    }

    [Fact]
    public async Task Trigger_wakes_a_polled_projection_and_says_where_to_run_it()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary projections trigger cli_parcels");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Projection cli_parcels is not triggered through a channel: run it here with 'estuary projections catch-up cli_parcels'."], run.Lines);
    }

    [Fact]
    public async Task Take_over_switches_to_the_new_version_and_the_list_shows_where_each_version_stands()
    {
        await using var host = CliHost.Create();
        await ScanAsync(host, "parcels-1", "p1");
        await host.RunAsync("estuary projections catch-up cli_parcels");

        var building = await host.RunAsync("estuary projections");
        var tookOver = await host.RunAsync("estuary projections take-over cli_parcels_v2");
        var switched = await host.RunAsync("estuary projections");
        var back = await host.RunAsync("estuary projections take-over cli_parcels");

        Assert.Equal("polled, v2 building", building.Row("cli_parcels_v2")[1]);
        Assert.Equal(0, tookOver.ExitCode);
        Assert.Equal(["Projection cli_parcels_v2 is the live version; the older versions no longer run."], tookOver.Lines);
        Assert.Equal(["scanned p1", "v2 scanned p1"], host.Ledger.Entries);
        Assert.Equal("polled, v1 retired", switched.Row("cli_parcels")[1]);
        Assert.Equal("polled, v2 live", switched.Row("cli_parcels_v2")[1]);
        Assert.Equal(1, back.ExitCode);
    }

    [Fact]
    public async Task On_channel_hands_the_work_to_a_channel_and_is_refused_for_a_polled_projection_before_any_reset()
    {
        await using var host = CliHost.Create();

        var rebuild = await host.RunAsync("estuary projections rebuild cli_parcels --yes --on-channel 2");
        var catchUp = await host.RunAsync("estuary projections catch-up cli_parcels --on-channel 1");

        Assert.Equal((1, 1), (rebuild.ExitCode, catchUp.ExitCode));
        Assert.Contains(rebuild.Lines, line => line.Contains("Projection 'cli_parcels' is polled, not triggered through a channel", System.StringComparison.Ordinal));
        Assert.Empty(host.Ledger.Entries);
    }

    [Fact]
    public async Task An_unknown_projection_is_an_error_naming_the_projections_there_are()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary projections catch-up parcels");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cli_parcels", run.Lines[0], System.StringComparison.Ordinal);
    }

    private static async Task ScanAsync(CliHost host, string stream, params string[] parcels)
    {
        var runtime = host.Services.GetRequiredService<EstuaryRuntime>();
        var events = new List<EventData>();
        foreach (var parcel in parcels)
        {
            events.Add(await runtime.Events.SerializeAsync(new ParcelScanned(parcel), EventMetadata.Empty));
        }

        await host.Services.GetRequiredService<IEventStore>().AppendAsync(stream, ExpectedVersion.Any, events);
    }
}
