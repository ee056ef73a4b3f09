using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Estuary.Cli.Tests;

/// <summary>An application host as Program.cs builds it, and its `estuary` command line.</summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CliHost(ServiceProvider provider) => _provider = provider;

    public IServiceProvider Services => _provider;

    public Ledger Ledger => _provider.GetRequiredService<Ledger>();

    public FakeTimeProvider Clock => _provider.GetRequiredService<FakeTimeProvider>();

    public ICommandBus Commands => _provider.GetRequiredService<ICommandBus>();

    public DeadLetters DeadLetters => _provider.GetRequiredService<DeadLetters>();

    /// <summary>
    /// The in-memory host of most tests: CliTestsModule with channel <c>work</c> (its endpoints) and
    /// <c>idle</c> (none), on a fake clock.
    /// </summary>
    public static CliHost Create(Action<IServiceCollection>? services = null, Action<EstuaryBuilder>? estuary = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<Ledger>();
        collection.AddSingleton(new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)));
        collection.AddSingleton<TimeProvider>(static p => p.GetRequiredService<FakeTimeProvider>());
        services?.Invoke(collection);
        collection.AddEstuary(estuary ?? (static e => e
            .AddModule<CliTestsModule>()
            .AddInMemoryChannel(CliChannels.Work)
            .AddInMemoryChannel(CliChannels.Idle, consumer =>
            {
                consumer.Concurrency = 4;
                consumer.Retry = RetryPolicy.None;
                consumer.FinalFailure = FinalFailure.Ignore;
                consumer.ErrorChannel = CliChannels.Work;
                consumer.Deduplicate = false;
                consumer.RunInHost = false;
            })));
        return new CliHost(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
    }

    /// <summary>Runs a command line, as the application's Main would, and captures what it printed.</summary>
    public async Task<CliRun> RunAsync(string commandLine, CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var exitCode = await _provider.RunEstuaryCommandAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), output, cancellationToken);
        return new CliRun(exitCode, output.ToString());
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

/// <summary>The exit code (null: not an Estuary command) and the output of one command.</summary>
internal sealed record CliRun(int? ExitCode, string Output)
{
    public string[] Lines => Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>The cells of the table row whose first cell is <paramref name="first"/> (cells are separated by two spaces or more).</summary>
    public string[] Row(string first) =>
        Lines.Select(static line => Regex.Split(line, " {2,}")).SingleOrDefault(cells => cells[0] == first)
        ?? throw new Xunit.Sdk.XunitException($"No row starting with '{first}' in:\n{Output}");

    /// <summary>The table's data rows (after the header, up to the first blank line).</summary>
    public string[][] Rows => Lines.Skip(1).TakeWhile(static line => line.Length > 0).Select(static line => Regex.Split(line, " {2,}")).ToArray();

    public override string ToString() => $"exit {ExitCode}:\n{Output}";
}
