using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Cli.Tests;

public sealed class DeadLetterCommandTests
{
    [Fact]
    public async Task Failed_message_is_counted_listed_and_shown_with_headers_payload_reason_and_stack_trace()
    {
        await using var host = CliHost.Create();
        var id = await DeadLetterAsync(host, "o-7");

        Assert.Equal(["1"], (await host.RunAsync("estuary deadletter count")).Lines);

        var list = await host.RunAsync("estuary deadletter list");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(["MESSAGE ID", "ENDPOINT ID", "CHANNEL", "FAILED AT", "REASON"], list.Row("MESSAGE ID"));
        Assert.Equal([id.ToString(), "cli.charge", "work", "2026-03-01 12:00:00Z", "card declined for o-7"], list.Row(id.ToString()));
        Assert.Contains("Dead letters 1-1 of 1. Show one with: estuary deadletter show <message-id> <endpoint-id>", list.Lines);

        var show = await host.RunAsync($"estuary deadletter show {id} cli.charge");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"Message id:    {id}", show.Lines);
        Assert.Contains("Endpoint id:   cli.charge", show.Lines);
        Assert.Contains("Channel:       work", show.Lines);
        Assert.Contains("Message name:  cli.charge-card", show.Lines);
        Assert.Contains("Failed at:     2026-03-01 12:00:00Z", show.Lines);
        Assert.Contains("Reason:        card declined for o-7", show.Lines);
        Assert.Contains("Exception:     System.InvalidOperationException", show.Lines);
        Assert.Contains($"  message-id: {id}", show.Lines);
        Assert.Contains("  content-type: application/json", show.Lines);
        Assert.Contains("Payload (29 bytes, application/json):", show.Lines);
        Assert.Contains("""  {"OrderId":"o-7","Amount":12}""", show.Lines);
        Assert.Contains("  System.InvalidOperationException: card declined for o-7", show.Lines);
        Assert.Contains(show.Lines, line => line.Contains("at Estuary.Cli.Tests.OrderHandlers.Charge(ChargeCard command)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_sends_the_message_back_to_its_channel_where_the_fixed_handler_handles_it()
    {
        await using var host = CliHost.Create();
        var id = await DeadLetterAsync(host, "o-8");
        host.Ledger.CardsDeclined = false;

        var replay = await host.RunAsync($"estuary deadletter replay {id} cli.charge");

        Assert.Equal(0, replay.ExitCode);
        Assert.Equal([$"Replayed message {id} to endpoint 'cli.charge' on channel 'work'."], replay.Lines);
        Assert.Equal(["0"], (await host.RunAsync("estuary deadletter count")).Lines);

        var run = await host.RunAsync("estuary run work --stop-when-empty");

        Assert.StartsWith("work: 1 received (Handled: 1)", run.Lines[1]);
        Assert.Equal(["charged o-8 12"], host.Ledger.Entries);
    }

    [Fact]
    public async Task Replay_all_sends_every_dead_letter_back()
    {
        await using var host = CliHost.Create();
        await DeadLetterAsync(host, "o-1");
        await DeadLetterAsync(host, "o-2");
        host.Ledger.CardsDeclined = false;

        var replay = await host.RunAsync("estuary deadletter replay-all --yes");

        Assert.Equal(0, replay.ExitCode);
        Assert.Equal(["Replayed 2 dead letters to their channels."], replay.Lines);
        Assert.Equal("The dead letter is empty.", (await host.RunAsync("estuary deadletter list")).Output.Trim());
        Assert.StartsWith("work: 2 received (Handled: 2)", (await host.RunAsync("estuary run work --stop-when-empty")).Lines[1]);
        Assert.Equal(["charged o-1 12", "charged o-2 12"], host.Ledger.Entries.Order(StringComparer.Ordinal));
        Assert.Equal(["The dead letter is empty: nothing to replay."], (await host.RunAsync("estuary deadletter replay-all --yes")).Lines);
    }

    [Fact]
    public async Task Replay_all_without_yes_replays_nothing_and_exits_with_3()
    {
        await using var host = CliHost.Create();
        await DeadLetterAsync(host, "o-1");
        host.Ledger.CardsDeclined = false;

        var replay = await host.RunAsync("estuary deadletter replay-all");

        Assert.Equal(3, replay.ExitCode);
        Assert.Equal(
            [
                "Would replay every dead letter to its channel and empty the dead letter.",
                "Run again with --yes to do it, or --dry-run to see what it would do.",
            ],
            replay.Lines);
        Assert.Equal(1, await host.DeadLetters.CountAsync());
        Assert.StartsWith("work: 0 received", (await host.RunAsync("estuary run work --stop-when-empty")).Lines[1]);
    }

    [Fact]
    public async Task Replay_all_dry_run_counts_the_dead_letters_per_channel_and_replays_nothing()
    {
        await using var host = CliHost.Create();
        await DeadLetterAsync(host, "o-1");
        var entry = (await host.DeadLetters.ListAsync()).Single();

        // More than a page (100) of entries, on two channels.
        var store = host.Services.GetRequiredService<IDeadLetterStore>();
        for (var i = 0; i < 149; i++)
        {
            await store.AddAsync(Copy(entry, i < 119 ? CliChannels.Work : CliChannels.Idle), default);
        }

        var dryRun = await host.RunAsync("estuary deadletter replay-all --dry-run");

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Equal("Would replay 150 dead letters to their channels:", dryRun.Lines[0]);
        Assert.Equal(["CHANNEL", "DEAD LETTERS"], dryRun.Row("CHANNEL"));
        Assert.Equal(["idle", "30"], dryRun.Row("idle"));
        Assert.Equal(["work", "120"], dryRun.Row("work"));
        Assert.Equal("Dry run: nothing was changed. Run again with --yes instead of --dry-run to do it.", dryRun.Lines[^1]);
        Assert.Equal(150, await host.DeadLetters.CountAsync());
        Assert.StartsWith("work: 0 received", (await host.RunAsync("estuary run work --stop-when-empty")).Lines[1]);
    }

    [Fact]
    public async Task Replay_all_dry_run_of_an_empty_dead_letter_says_so()
    {
        await using var host = CliHost.Create();

        var dryRun = await host.RunAsync("estuary deadletter replay-all --dry-run");

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Equal(["The dead letter is empty: nothing to replay."], dryRun.Lines);
    }

    [Fact]
    public async Task Delete_removes_the_dead_letter_without_replaying_it()
    {
        await using var host = CliHost.Create();
        var id = await DeadLetterAsync(host, "o-9");
        host.Ledger.CardsDeclined = false;

        var delete = await host.RunAsync($"estuary deadletter delete {id} cli.charge --yes");

        Assert.Equal(0, delete.ExitCode);
        Assert.Equal([$"Deleted the dead letter of message {id} for endpoint 'cli.charge'."], delete.Lines);
        Assert.Equal(0, await host.DeadLetters.CountAsync());
        Assert.Equal(0, (await host.RunAsync("estuary run work --stop-when-empty")).ExitCode);
        Assert.Empty(host.Ledger.Entries);
    }

    [Fact]
    public async Task Delete_without_yes_deletes_nothing_and_exits_with_3()
    {
        await using var host = CliHost.Create();
        var id = await DeadLetterAsync(host, "o-9");

        var delete = await host.RunAsync($"estuary deadletter delete {id} cli.charge");

        Assert.Equal(3, delete.ExitCode);
        Assert.Equal(
            [
                $"Would delete the dead letter of message {id} for endpoint 'cli.charge' without replaying it.",
                "Run again with --yes to do it, or --dry-run to see what it would do.",
            ],
            delete.Lines);
        Assert.NotNull(await host.DeadLetters.GetAsync(id, "cli.charge"));
    }

    [Fact]
    public async Task Delete_dry_run_shows_the_entry_and_deletes_nothing()
    {
        await using var host = CliHost.Create();
        var id = await DeadLetterAsync(host, "o-9");

        // --dry-run wins over --yes: when in doubt, nothing changes.
        foreach (var options in new[] { "--dry-run", "--dry-run --yes" })
        {
            var dryRun = await host.RunAsync($"estuary deadletter delete {id} cli.charge {options}");

            Assert.Equal(0, dryRun.ExitCode);
            Assert.Equal(
                [
                    "Would delete this dead letter without replaying it:",
                    $"Message id:    {id}",
                    "Endpoint id:   cli.charge",
                    "Channel:       work",
                    "Failed at:     2026-03-01 12:00:00Z",
                    "Reason:        card declined for o-9",
                    "Dry run: nothing was changed. Run again with --yes instead of --dry-run to do it.",
                ],
                dryRun.Lines);
        }

        Assert.Equal(1, await host.DeadLetters.CountAsync());
    }

    [Theory]
    [InlineData("show")]
    [InlineData("replay")]
    [InlineData("delete", "--yes")]
    [InlineData("delete", "--dry-run")]
    public async Task Unknown_dead_letter_is_reported_with_exit_code_1(string verb, string options = "")
    {
        await using var host = CliHost.Create();
        var id = await DeadLetterAsync(host, "o-1");
        var missing = Guid.NewGuid();

        var wrongId = await host.RunAsync($"estuary deadletter {verb} {missing} cli.charge {options}");
        var wrongEndpoint = await host.RunAsync($"estuary deadletter {verb} {id} cli.ship {options}");

        Assert.Equal(1, wrongId.ExitCode);
        Assert.Equal([$"No dead letter for message {missing} and endpoint 'cli.charge'. List the dead letters with: estuary deadletter list"], wrongId.Lines);
        Assert.Equal(1, wrongEndpoint.ExitCode);
        Assert.Equal(1, await host.DeadLetters.CountAsync());
    }

    [Fact]
    public async Task List_pages_with_offset_and_limit()
    {
        await using var host = CliHost.Create();
        for (var i = 1; i <= 3; i++)
        {
            await DeadLetterAsync(host, $"o-{i}");
        }

        var second = (await host.DeadLetters.ListAsync(1, 1)).Single();

        var page = await host.RunAsync("estuary deadletter list --offset 1 --limit 1");

        Assert.Equal(0, page.ExitCode);
        Assert.Equal(second.Id.ToString(), Assert.Single(page.Rows)[0]);
        Assert.Contains("Dead letters 2-2 of 3. Show one with: estuary deadletter show <message-id> <endpoint-id>", page.Lines);
        Assert.Equal(["No dead letters from offset 5: there are 3."], (await host.RunAsync("estuary deadletter list --offset 5")).Lines);
        Assert.Equal(1, (await host.RunAsync("estuary deadletter list --limit 0")).ExitCode);
    }

    [Fact]
    public async Task Malformed_message_id_is_a_usage_error()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary deadletter show not-a-guid cli.charge");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Cannot parse argument 'not-a-guid'", run.Output);
        Assert.Contains("estuary deadletter show <message-id> <endpoint-id>", run.Output);
    }

    /// <summary>Another dead letter like <paramref name="entry"/> (same endpoint, new message id) on <paramref name="channel"/>.</summary>
    private static DeadLetter Copy(DeadLetter entry, string channel) => new()
    {
        Id = Guid.NewGuid(),
        Channel = channel,
        Message = entry.Message,
        Reason = entry.Reason,
        FailedAt = entry.FailedAt,
    };

    /// <summary>Sends a charge that fails for good (no retries) and consumes it; returns the message id.</summary>
    private static async Task<Guid> DeadLetterAsync(CliHost host, string orderId)
    {
        host.Ledger.CardsDeclined = true;
        var before = (await host.DeadLetters.ListAsync(0, 1000)).Select(static d => d.Id).ToHashSet();
        await host.Commands.SendAsync(new ChargeCard(orderId, 12m));

        var run = await host.RunAsync("estuary run work --stop-when-empty");

        Assert.StartsWith("work: 1 received (DeadLettered: 1)", run.Lines[1]);
        return (await host.DeadLetters.ListAsync(0, 1000)).Select(static d => d.Id).Single(id => !before.Contains(id));
    }
}
