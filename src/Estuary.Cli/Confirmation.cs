using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;

namespace Estuary.Cli;

/// <summary>
/// The <c>--yes</c> and <c>--dry-run</c> options of the commands that change or remove data, and the
/// choice between doing it, showing it and refusing. Nothing prompts: the commands run in scripts,
/// where a question would hang, so an unconfirmed command says what it would do and exits with
/// <see cref="ExitCodes.NotConfirmed"/> instead.
/// </summary>
internal sealed class Confirmation
{
    /// <summary>The last line of a dry run that found something to do.</summary>
    public const string DryRunNote = "Dry run: nothing was changed. Run again with --yes instead of --dry-run to do it.";

    private const string Hint = "Run again with --yes to do it, or --dry-run to see what it would do.";

    private readonly Option<bool> _yes = new("--yes") { Description = "Do it: without --yes the command changes nothing and exits with 3." };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print what the command would do and change nothing (wins over --yes)." };

    private Confirmation()
    {
    }

    /// <summary>Adds <c>--yes</c> and <c>--dry-run</c> to <paramref name="command"/>.</summary>
    public static Confirmation AddTo(Command command)
    {
        var confirmation = new Confirmation();
        command.Options.Add(confirmation._yes);
        command.Options.Add(confirmation._dryRun);
        return confirmation;
    }

    /// <summary>
    /// Runs <paramref name="dryRun"/> with <c>--dry-run</c> (even next to <c>--yes</c>: when in doubt,
    /// change nothing), <paramref name="run"/> with <c>--yes</c>; otherwise prints <paramref name="intent"/>
    /// (what the command would do, one line) and how to go on, and returns <see cref="ExitCodes.NotConfirmed"/>.
    /// </summary>
    public Task<int> DecideAsync(ParseResult result, TextWriter output, string intent, Func<Task<int>> dryRun, Func<Task<int>> run)
    {
        if (result.GetValue(_dryRun))
        {
            return dryRun();
        }

        if (result.GetValue(_yes))
        {
            return run();
        }

        output.WriteLine(intent);
        output.WriteLine(Hint);
        return Task.FromResult(ExitCodes.NotConfirmed);
    }
}
