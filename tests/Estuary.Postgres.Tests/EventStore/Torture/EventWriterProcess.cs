using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>
/// The event writer (tests/Fixtures/Estuary.Fixtures.EventWriter) running as a process of its own. Its
/// report on standard output goes to the <see cref="WriteLog"/>: events of committed and rolled-back
/// transactions as they happen, and, once the process is killed, those of the transactions it had
/// announced but not reported committed, as in doubt.
/// </summary>
internal sealed class EventWriterProcess : IDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly WriteLog _log;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Guid[]> _open = [];
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _nextAppend = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _killed;

    private EventWriterProcess(string name, string schema, int sharedStreams, WriteLog log)
    {
        _log = log;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WriterAssembly());
        start.ArgumentList.Add(TestDatabase.ConnectionString);
        start.ArgumentList.Add(schema);
        start.ArgumentList.Add(name);
        start.ArgumentList.Add(sharedStreams.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(ReadAllTortureTests.SharedStreamsTable);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Report(line.Data);
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                _errors.Enqueue(line.Data);
            }
        };
    }

    /// <summary>Starts a writer process and waits until it writes.</summary>
    public static async Task<EventWriterProcess> StartAsync(string name, string schema, int sharedStreams, WriteLog log)
    {
        var writer = new EventWriterProcess(name, schema, sharedStreams, log);
        writer._process.Start();
        writer._process.BeginOutputReadLine();
        writer._process.BeginErrorReadLine();
        var exited = writer._process.WaitForExitAsync();
        if (await Task.WhenAny(writer._ready.Task, exited, Task.Delay(s_startTimeout)) != writer._ready.Task)
        {
            writer.Dispose();
            throw new InvalidOperationException($"The event writer process did not start. Its standard error:\n{writer.ErrorOutput}");
        }

        return writer;
    }

    public bool HasExited => _process.HasExited;

    public string ErrorOutput => string.Join('\n', _errors);

    /// <summary>Completes when the process next announces a transaction it appended and now holds open.</summary>
    public Task NextAppendAsync()
    {
        lock (_lock)
        {
            return _nextAppend.Task;
        }
    }

    /// <summary>
    /// SIGKILL: no code of the process runs any more, and its open transactions die with its connections.
    /// Returns how many transactions it had announced without reporting their commit (now in doubt).
    /// </summary>
    public async Task<int> KillAsync()
    {
        _process.Kill(entireProcessTree: true);

        // Waits for the end of standard output too, so every line it wrote is reported first.
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        lock (_lock)
        {
            _killed = true;
            foreach (var events in _open.Values)
            {
                _log.InDoubt(events);
            }

            var inDoubt = _open.Count;
            _open.Clear();
            return inDoubt;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Report(string? line)
    {
        if (line is null)
        {
            return;
        }

        // A line cut short by the kill parses as nothing known and is ignored: the transaction it was
        // about had not committed yet.
        var parts = line.Split(' ');
        lock (_lock)
        {
            if (_killed)
            {
                return;
            }

            switch (parts)
            {
                case ["ready"]:
                    _ready.TrySetResult();
                    break;
                case ["appended", var tag, var ids] when TryParseIds(ids, out var events):
                    _open[tag] = events;
                    var appended = _nextAppend;
                    _nextAppend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    appended.SetResult();
                    break;
                case ["committed", var tag] when _open.Remove(tag, out var events):
                    _log.Committed(events);
                    break;
                case ["rolledback", var tag] when _open.Remove(tag, out var events):
                    _log.RolledBack(events);
                    break;
            }
        }
    }

    private static bool TryParseIds(string ids, out Guid[] events)
    {
        var parts = ids.Split(',');
        events = new Guid[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!Guid.TryParseExact(parts[i], "D", out events[i]))
            {
                return false;
            }
        }

        return true;
    }

    // dotnet test sets DOTNET_HOST_PATH for the processes it starts.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The writer built in the same configuration as these tests (the project reference builds it first).</summary>
    private static string WriterAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? ".", "tests", "Fixtures", "Estuary.Fixtures.EventWriter", "bin", configuration, "net10.0", "Estuary.Fixtures.EventWriter.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the event writer first (it is built with the tests).", path);
    }
}
