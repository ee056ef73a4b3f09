using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Cli.Tests;

public sealed class DedupCommandTests
{
    [Fact]
    public async Task Cleanup_removes_the_marks_older_than_the_retention_on_the_host_clock()
    {
        await using var host = CliHost.Create();
        var store = host.Services.GetRequiredService<IDeduplicationStore>();
        await store.TryRecordAsync("cli.ship", "old", default);
        host.Clock.Advance(TimeSpan.FromDays(8));
        await store.TryRecordAsync("cli.ship", "recent", default);

        var run = await host.RunAsync("estuary dedup cleanup --yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Removed 1 deduplication mark recorded before 2026-03-02 12:00:00Z (older than 7.00:00:00)."], run.Lines);
        Assert.True(await store.TryRecordAsync("cli.ship", "old", default), "the old mark is forgotten");
        Assert.False(await store.TryRecordAsync("cli.ship", "recent", default), "the recent mark is kept");
    }

    [Fact]
    public async Task Cleanup_without_yes_removes_nothing_and_exits_with_3()
    {
        await using var host = CliHost.Create();
        var store = host.Services.GetRequiredService<IDeduplicationStore>();
        await store.TryRecordAsync("cli.ship", "old", default);
        host.Clock.Advance(TimeSpan.FromDays(8));

        var run = await host.RunAsync("estuary dedup cleanup");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            [
                "Would remove the deduplication marks recorded before 2026-03-02 12:00:00Z (older than 7.00:00:00).",
                "Run again with --yes to do it, or --dry-run to see what it would do.",
            ],
            run.Lines);
        Assert.Equal(1, await store.CountRecordedBeforeAsync(host.Clock.GetUtcNow(), default));
    }

    [Fact]
    public async Task Cleanup_dry_run_counts_the_marks_older_than_the_cut_off_and_removes_nothing()
    {
        await using var host = CliHost.Create();
        var store = host.Services.GetRequiredService<IDeduplicationStore>();
        await store.TryRecordAsync("cli.ship", "old-1", default);
        await store.TryRecordAsync("cli.charge", "old-2", default);
        host.Clock.Advance(TimeSpan.FromDays(8));
        await store.TryRecordAsync("cli.ship", "recent", default);

        var dryRun = await host.RunAsync("estuary dedup cleanup --dry-run");
        var shorter = await host.RunAsync("estuary dedup cleanup --older-than 1.00:00:00 --dry-run --yes");

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Equal(
            [
                "Would remove 2 deduplication marks recorded before 2026-03-02 12:00:00Z (older than 7.00:00:00).",
                "Dry run: nothing was changed. Run again with --yes instead of --dry-run to do it.",
            ],
            dryRun.Lines);
        Assert.Equal(0, shorter.ExitCode);
        Assert.Equal("Would remove 2 deduplication marks recorded before 2026-03-08 12:00:00Z (older than 1.00:00:00).", shorter.Lines[0]);
        Assert.Equal(["Would remove 0 deduplication marks recorded before 2026-02-28 12:00:00Z (older than 9.00:00:00)."], (await host.RunAsync("estuary dedup cleanup --older-than 9.00:00:00 --dry-run")).Lines);
        Assert.False(await store.TryRecordAsync("cli.ship", "old-1", default), "the old marks are kept");
        Assert.False(await store.TryRecordAsync("cli.charge", "old-2", default), "the old marks are kept");
    }

    [Fact]
    public async Task Cleanup_removes_the_marks_a_consumer_recorded_once_they_are_old()
    {
        await using var host = CliHost.Create();
        await host.Commands.SendAsync(new ShipOrder("o-1"));
        await host.RunAsync("estuary run work --stop-when-empty");

        Assert.StartsWith("Removed 0 deduplication marks", (await host.RunAsync("estuary dedup cleanup --yes")).Output);
        host.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.StartsWith("Removed 1 deduplication mark recorded", (await host.RunAsync("estuary dedup cleanup --yes")).Output);
    }

    [Fact]
    public async Task Older_than_overrides_the_configured_retention()
    {
        await using var host = CliHost.Create(estuary: static e => e.AddModule<CliTestsModule>().AddInMemoryChannel(CliChannels.Work));
        var store = host.Services.GetRequiredService<IDeduplicationStore>();
        await store.TryRecordAsync("cli.ship", "two-hours-old", default);
        host.Clock.Advance(TimeSpan.FromHours(2));

        Assert.StartsWith("Removed 0 deduplication marks", (await host.RunAsync("estuary dedup cleanup --older-than 03:00:00 --yes")).Output);
        var run = await host.RunAsync("estuary dedup cleanup --older-than 01:00:00 --yes");

        Assert.Equal(["Removed 1 deduplication mark recorded before 2026-03-01 13:00:00Z (older than 01:00:00)."], run.Lines);
    }

    [Theory]
    [InlineData(2500, 1000, new long[] { 1000, 1000, 500 })]
    [InlineData(2000, 1000, new long[] { 1000, 1000, 0 })]
    [InlineData(3, 1000, new long[] { 3 })]
    public async Task Cleanup_goes_on_batch_after_batch_until_one_comes_back_short(int marks, int batchSize, long[] batches)
    {
        var store = new BatchedStore(marks);
        await using var host = CliHost.Create(services => services.AddSingleton<IDeduplicationStore>(store));

        var run = await host.RunAsync($"estuary dedup cleanup --batch-size {batchSize} --yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(batches, store.Batches);
        Assert.All(store.Requested, size => Assert.Equal(batchSize, size));
        Assert.StartsWith($"Removed {marks} deduplication marks", run.Output);
    }

    [Fact]
    public async Task Store_failure_is_reported_as_an_error()
    {
        await using var host = CliHost.Create(services => services.AddSingleton<IDeduplicationStore>(new BatchedStore(-1)));

        var run = await host.RunAsync("estuary dedup cleanup --yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["Error: TimeoutException: the database did not answer"], run.Lines);
    }

    /// <summary>A store that honours the batch size, as a database does, and records the batches asked for.</summary>
    private sealed class BatchedStore(long expired) : IDeduplicationStore
    {
        private long _left = expired;

        public List<long> Batches { get; } = [];

        public List<int> Requested { get; } = [];

        public ValueTask<bool> TryRecordAsync(string endpointId, string key, CancellationToken cancellationToken) => new(true);

        public ValueTask<long> CountRecordedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
            _left < 0 ? throw new TimeoutException("the database did not answer") : new(_left);

        public ValueTask<long> RemoveExpiredAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken)
        {
            if (_left < 0)
            {
                throw new TimeoutException("the database did not answer");
            }

            var removed = Math.Min(_left, batchSize);
            _left -= removed;
            Batches.Add(removed);
            Requested.Add(batchSize);
            return new(removed);
        }
    }
}
