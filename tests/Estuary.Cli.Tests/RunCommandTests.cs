using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_until_empty_handles_the_waiting_messages_and_prints_their_outcomes()
    {
        await using var host = CliHost.Create();
        await host.Commands.SendAsync(new ShipOrder("o-1"));
        await host.Commands.SendAsync(new ShipOrder("o-2"));
        Assert.Empty(host.Ledger.Entries);

        var run = await host.RunAsync("estuary run work --stop-when-empty");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["shipped o-1", "shipped o-2"], host.Ledger.Entries.Order(StringComparer.Ordinal));
        Assert.Equal("Consuming channel 'work' (2 endpoints) until it is empty. Ctrl+C stops.", run.Lines[0]);
        Assert.Matches(@"^work: 2 received \(Handled: 2\) in \d+\.\d s$", run.Lines[1]);
    }

    [Fact]
    public async Task Max_messages_stops_the_consumer_after_that_many()
    {
        await using var host = CliHost.Create();
        for (var i = 1; i <= 3; i++)
        {
            await host.Commands.SendAsync(new ShipOrder($"o-{i}"));
        }

        var run = await host.RunAsync("estuary run work --max-messages 2 --concurrency 1");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("work: 2 received (Handled: 2)", run.Lines[1]);
        Assert.Equal(2, host.Ledger.Entries.Length);
        Assert.Equal("1", (await host.RunAsync("estuary channels")).Row("work")[2]);
    }

    [Fact]
    public async Task Stop_on_failure_stops_at_the_first_failed_message_with_exit_code_2()
    {
        await using var host = CliHost.Create();
        host.Ledger.CardsDeclined = true;
        await host.Commands.SendAsync(new ChargeCard("o-1", 10m));
        await host.Commands.SendAsync(new ShipOrder("o-2"));

        var run = await host.RunAsync("estuary run work --stop-on-failure --stop-when-empty");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("work: 1 received (DeadLettered: 1)", run.Lines[1]);
        Assert.Contains("Stopped at a failed message", run.Lines[2]);
        Assert.Empty(host.Ledger.Entries);
        Assert.Equal("1", (await host.RunAsync("estuary channels")).Row("work")[2]);
    }

    [Fact]
    public async Task Without_limits_the_consumer_runs_until_the_cancellation_token_stops_it()
    {
        await using var host = CliHost.Create();
        await host.Commands.SendAsync(new ShipOrder("o-1"));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var run = await host.RunAsync("estuary run work", stop.Token);

        Assert.True(stop.IsCancellationRequested);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Consuming channel 'work' (2 endpoints) until stopped. Ctrl+C stops.", run.Lines[0]);
        Assert.StartsWith("work: 1 received (Handled: 1)", run.Lines[1]);
        Assert.Equal(["shipped o-1"], host.Ledger.Entries);
    }

    [Fact]
    public async Task Max_duration_stops_a_consumer_that_would_otherwise_wait_for_messages()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary run work --max-duration 00:00:00.300");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Consuming channel 'work' (2 endpoints) until 00:00:00.3000000 passed. Ctrl+C stops.", run.Lines[0]);
        Assert.StartsWith("work: 0 received in", run.Lines[1]);
    }

    [Fact]
    public async Task Undeclared_channel_is_an_error_naming_the_declared_ones()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary run payments --stop-when-empty");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["Error: Channel 'payments' is not declared in this application. Declared channels: idle, work."], run.Lines);
    }

    [Fact]
    public async Task Channel_without_endpoints_is_not_consumed_because_everything_would_be_dead_lettered()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary run idle --stop-when-empty");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: No asynchronous endpoint of this application receives from channel 'idle'", run.Output);
    }

    [Theory]
    [InlineData("--max-messages 0", "--max-messages takes a whole number of at least 1, not '0'.")]
    [InlineData("--concurrency many", "--concurrency takes a whole number of at least 1, not 'many'.")]
    [InlineData("--max-duration soon", "--max-duration takes a positive duration such as 00:00:30 (30 seconds) or 7.00:00:00 (7 days), not 'soon'.")]
    public async Task Invalid_limits_are_usage_errors_and_nothing_is_consumed(string options, string error)
    {
        await using var host = CliHost.Create();
        await host.Commands.SendAsync(new ShipOrder("o-1"));

        var run = await host.RunAsync("estuary run work --stop-when-empty " + options);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(error, run.Lines[0]);
        Assert.Contains("Usage:", run.Output);
        Assert.Empty(host.Ledger.Entries);
    }
}
