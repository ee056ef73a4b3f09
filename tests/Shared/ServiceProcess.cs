using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Estuary.Testing.Processes;

/// <summary>A fixture service (tests/Fixtures/Estuary.Fixtures.{name}) running as a process of its own; its standard output is kept line by line.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(string name, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        Name = name;
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }

        start.ArgumentList.Add(Assembly(name));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "ready")
            {
                _ready.TrySetResult();
            }
            else if (line.Data is not null)
            {
                Lines.Enqueue(line.Data);
            }
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine(name + ": " + line.Data);
            }
        };
    }

    public string Name { get; }

    /// <summary>What the service printed, "ready" aside.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    public bool HasExited => _process.HasExited;

    /// <summary>Waits until the process exits by itself; returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Starts the service and waits until its host runs.</summary>
    public static Task<ServiceProcess> StartAsync(string name, params string[] arguments) => StartAsync(name, environment: null, arguments);

    /// <summary>Starts the service with <paramref name="environment"/> added to this process's variables, and waits until its host runs.</summary>
    public static async Task<ServiceProcess> StartAsync(string name, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var service = new ServiceProcess(name, arguments, environment);
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        var exited = service._process.WaitForExitAsync();
        if (await Task.WhenAny(service._ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != service._ready.Task)
        {
            service.Dispose();
            throw new InvalidOperationException($"{name} did not start (see its output above).");
        }

        return service;
    }

    /// <summary>Kills the process at once (SIGKILL): nothing of it runs after this, as when a machine dies.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    // dotnet test sets DOTNET_HOST_PATH for the processes it starts.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The service built in the same configuration as these tests (the project reference builds it first).</summary>
    private static string Assembly(string name)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
        {
            directory = directory.Parent;
        }

        var project = "Estuary.Fixtures." + name;
        var path = Path.Combine(directory?.FullName ?? ".", "tests", "Fixtures", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first (it is built with the tests).", path);
    }
}
