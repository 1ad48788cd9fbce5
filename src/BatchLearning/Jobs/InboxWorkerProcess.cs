using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace BatchLearning.Jobs;

/// <summary>
/// The inbox worker (src/BatchLearning.Worker) as a real child process, for showing what happens to it: start it, read its logs, wait for its commits,
/// kill it (SIGKILL, as <c>kill -9</c> or a power cut: no time to finish or log anything) or stop it (SIGTERM, as systemd or <c>docker stop</c>: it finishes
/// the commit in progress and exits with 0). Its logs are read as the JSON lines its console logger writes.
/// </summary>
public sealed class InboxWorkerProcess : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly List<WorkerLogEntry> _logs = [];
    private readonly Lock _gate = new();
    private readonly int _commitsAtStart;

    private InboxWorkerProcess(InboxWorkerSettings settings, Process process, int commitsAtStart)
    {
        Settings = settings;
        _process = process;
        _commitsAtStart = commitsAtStart;
    }

    /// <summary>The settings it was started with.</summary>
    public InboxWorkerSettings Settings { get; }

    /// <summary>Everything it logged so far, in order.</summary>
    public IReadOnlyList<WorkerLogEntry> Logs
    {
        get
        {
            lock (_gate)
            {
                return [.. _logs];
            }
        }
    }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its exit code once it has ended (0 after SIGTERM, 137 after SIGKILL on Linux, 78 for a bad setting); null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Commits it has made since it started (read from the checkpoint it writes).</summary>
    public int Commits => InboxCheckpoint.Load(Settings.Output).Commits - _commitsAtStart;

    /// <summary>Starts the worker: <c>dotnet BatchLearning.Worker.dll --Inbox ... --Model ... --Output ... --Period ...</c>, under a file-size limit when one is set.</summary>
    /// <exception cref="FileNotFoundException">The worker is not built; the message says how to build it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The file-size limit is out of range.</exception>
    /// <exception cref="PlatformNotSupportedException">A file-size limit on Windows.</exception>
    public static InboxWorkerProcess Start(InboxWorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var start = StartInfo(settings, settings.WorkerPath ?? CourseProgram.Find("BatchLearning.Worker"));
        var commits = InboxCheckpoint.Load(settings.Output).Commits;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var started = new InboxWorkerProcess(settings, process, commits);
        process.OutputDataReceived += (_, line) => started.Add(line.Data, "Output");
        process.ErrorDataReceived += (_, line) => started.Add(line.Data, "Error output");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until it has made <paramref name="commits"/> commits since it started.</summary>
    /// <exception cref="InvalidOperationException">It exited first; the message holds its last log lines.</exception>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/> (2 minutes by default): a hang guard.</exception>
    public Task WaitForCommitsAsync(int commits, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(commits, 1);
        return WaitAsync(() => Commits >= commits, $"{commits} commit(s)", timeout, TimeSpan.FromMilliseconds(2));
    }

    /// <summary>Waits until it has committed everything in the inbox (its checkpoint is at the inbox's end): it has caught up.</summary>
    /// <exception cref="InvalidOperationException">It exited first; the message holds its last log lines.</exception>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/> (2 minutes by default): a hang guard.</exception>
    public Task WaitUntilCaughtUpAsync(TimeSpan? timeout = null) =>
        WaitAsync(() => InboxCheckpoint.Load(Settings.Output).Offset == new FileInfo(Settings.Inbox).Length, "catching up with the inbox", timeout, TimeSpan.FromMilliseconds(10));

    /// <summary>Waits until it has logged <paramref name="count"/> entries that <paramref name="match"/>, and returns the last of them.</summary>
    /// <exception cref="InvalidOperationException">It exited first; the message holds its last log lines.</exception>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/> (2 minutes by default): a hang guard.</exception>
    public async Task<WorkerLogEntry> WaitForLogAsync(Func<WorkerLogEntry, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await WaitAsync(() => Logs.Count(match) >= count, $"{count} matching log line(s)", timeout, TimeSpan.FromMilliseconds(10)).ConfigureAwait(false);
        return Logs.Where(match).ElementAt(count - 1);
    }

    /// <summary>Kills it at once with SIGKILL (kill -9): it cannot finish its commit, clean up or log; then waits for it to end.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>
    /// Asks it to stop with SIGTERM (as systemd or <c>docker stop</c> do; Ctrl+C is SIGINT, handled the same): it finishes the commit in progress, logs, releases the inbox
    /// and exits. Returns its exit code (0 for an orderly stop). On Windows, which has no SIGTERM, it is killed instead.
    /// </summary>
    /// <exception cref="TimeoutException">It did not end within <paramref name="timeout"/> (2 minutes by default); it is then killed.</exception>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows() || SendSignal(_process.Id, SigTerm) != 0)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var guard = new CancellationTokenSource(timeout ?? HangGuard);
            try
            {
                await _process.WaitForExitAsync(guard.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill();
                throw new TimeoutException($"The worker did not stop within {timeout ?? HangGuard} of SIGTERM; it was killed. Its last log lines: {LastLines()}");
            }
        }

        _process.WaitForExit(); // the output's last lines are read
        return _process.ExitCode;
    }

    /// <summary>Kills it if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // never started or already disposed
        }

        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);

    // dotnet WORKER SETTINGS..., or under a file-size limit: /bin/sh -c "trap '' XFSZ; ulimit -f BLOCKS && exec dotnet WORKER SETTINGS...".
    private static ProcessStartInfo StartInfo(InboxWorkerSettings settings, string worker)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(settings.Inbox))!,
            FileName = CourseProgram.DotnetHost(),
        };
        if (settings.FileSizeLimitBytes is { } limit)
        {
            // The shell sets the limit, ignores SIGXFSZ (so a write past it fails with EFBIG instead of killing the process), then becomes the worker.
            // The runtime's W^X double mapping of code needs a large memory file, which the limit would refuse: it is turned off for this process.
            var blocks = ((limit + 511) / 512).ToString(CultureInfo.InvariantCulture);
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("trap '' XFSZ; ulimit -f " + blocks + " && exec \"$0\" \"$@\"");
            start.ArgumentList.Add(CourseProgram.DotnetHost());
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        start.ArgumentList.Add(worker);
        foreach (var argument in settings.Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task WaitAsync(Func<bool> done, string what, TimeSpan? timeout, TimeSpan poll)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                if (done())
                {
                    return;
                }

                throw new InvalidOperationException($"The worker exited with code {_process.ExitCode} before {what}. Its last log lines: {LastLines()}");
            }

            if (watch.Elapsed > (timeout ?? HangGuard))
            {
                throw new TimeoutException($"No {what} within {timeout ?? HangGuard}. The worker's last log lines: {LastLines()}");
            }

            await Task.Delay(poll).ConfigureAwait(false);
        }
    }

    private string LastLines() => string.Join(" | ", Logs.TakeLast(5).Select(l => l.Exception is null ? l.ToString() : $"{l} {l.Exception.Split('\n')[0]}"));

    private void Add(string? line, string level)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        var entry = Parse(line) ?? new WorkerLogEntry("", level, "", line, null);
        lock (_gate)
        {
            _logs.Add(entry);
        }
    }

    private static WorkerLogEntry? Parse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
            return new WorkerLogEntry(Text("Timestamp"), Text("LogLevel"), Text("Category"), Text("Message"), root.TryGetProperty("Exception", out _) ? Text("Exception") : null)
            {
                State = root.TryGetProperty("State", out var state) && state.ValueKind == JsonValueKind.Object
                    ? state.EnumerateObject().Where(p => p.Name != "{OriginalFormat}")
                        .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
                    : new Dictionary<string, string>(),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
