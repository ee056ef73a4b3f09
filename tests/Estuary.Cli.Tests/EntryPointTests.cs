using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Cli.Tests;

public sealed class EntryPointTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--urls http://localhost:5000")]
    [InlineData("endpoints")]
    [InlineData("Estuary endpoints")]
    [InlineData("--environment Development estuary endpoints")]
    public async Task Arguments_that_are_not_an_estuary_command_return_null_and_print_nothing(string commandLine)
    {
        await using var host = CliHost.Create();
        var output = new StringWriter();

        var exitCode = await host.Services.RunEstuaryCommandAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), output);

        Assert.Null(exitCode);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task Unknown_verb_is_a_usage_error_with_help()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary frobnicate");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Unrecognized command or argument 'frobnicate'", run.Output);
        Assert.Contains("estuary [command] [options]", run.Output);
    }

    [Fact]
    public async Task Estuary_alone_asks_for_a_verb_and_lists_them()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Required command was not provided.", run.Output);
        foreach (var verb in new[] { "endpoints", "channels", "run <channel>", "deadletter", "dedup", "schema" })
        {
            Assert.Contains("  " + verb + " ", run.Output);
        }
    }

    [Fact]
    public async Task Help_of_a_verb_describes_its_options_and_succeeds()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary run --help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("estuary run <channel> [options]", run.Output);
        Assert.Contains("--max-duration <hh:mm:ss>", run.Output);
        Assert.Contains("--stop-when-empty", run.Output);
    }

    [Fact]
    public async Task Application_without_AddEstuary_gets_an_error_saying_how_to_register_it()
    {
        await using var provider = new ServiceCollection().BuildServiceProvider();
        var output = new StringWriter();

        var exitCode = await provider.RunEstuaryCommandAsync(["estuary", "endpoints"], output);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Error: EstuaryRuntime is not registered", output.ToString());
        Assert.Contains("services.AddEstuary(...)", output.ToString());
    }
}
