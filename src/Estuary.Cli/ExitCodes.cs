namespace Estuary.Cli;

/// <summary>The exit codes of Estuary's commands (System.CommandLine returns 1 for usage errors too).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something failed or was not found; the output says what.</summary>
    public const int Error = 1;

    /// <summary><c>estuary run</c> stopped because a message failed, so scripts can tell it from a clean run.</summary>
    public const int StoppedOnFailure = 2;

    /// <summary>
    /// A command that changes or removes data ran without <c>--yes</c> (or <c>--dry-run</c>): nothing
    /// changed. A script that forgot the flag fails visibly instead of passing as if the work was done.
    /// </summary>
    public const int NotConfirmed = 3;

    /// <summary>Cancelled (Ctrl+C) before the command finished: the shell's code for SIGINT.</summary>
    public const int Cancelled = 130;
}
