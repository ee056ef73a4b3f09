using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.Reliability;

/// <summary>The ledger worker (tests/Fixtures/Estuary.Fixtures.LedgerWorker) running as a process of its own.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(string schema, string mode)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WorkerAssembly());
        start.ArgumentList.Add(TestDatabase.ConnectionString);
        start.ArgumentList.Add(schema);
        start.ArgumentList.Add(mode);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "ready")
            {
                _ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine("ledger worker: " + line.Data);
            }
        };
    }

    /// <summary>Starts a worker in <paramref name="mode"/> (see the worker's Program.cs) and waits until it consumes.</summary>
    public static async Task<WorkerProcess> StartAsync(string schema, string mode = "ledger")
    {
        var worker = new WorkerProcess(schema, mode);
        worker._process.Start();
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        var exited = worker._process.WaitForExitAsync();
        if (await Task.WhenAny(worker._ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != worker._ready.Task)
        {
            worker.Kill();
            throw new InvalidOperationException("The ledger worker did not start (see its output above).");
        }

        return worker;
    }

    /// <summary>SIGKILL: no shutdown code runs, open transactions die with the connections.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    // dotnet test sets DOTNET_HOST_PATH for the processes it starts.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The worker built in the same configuration as these tests (the project reference builds it first).</summary>
    private static string WorkerAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? ".", "tests", "Fixtures", "Estuary.Fixtures.LedgerWorker", "bin", configuration, "net10.0", "Estuary.Fixtures.LedgerWorker.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the ledger worker first (it is built with the tests).", path);
    }
}
