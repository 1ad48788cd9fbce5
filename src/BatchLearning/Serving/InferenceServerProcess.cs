using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using BatchLearning.Jobs;

namespace BatchLearning.Serving;

/// <summary>
/// The course's OpenAI-compatible inference server (src/BatchLearning.Server) as a child process on 127.0.0.1, for a notebook or a program: started on a free
/// port, its address read from its log, stopped with SIGTERM (or killed on dispose). It also stops by itself when the process that started it ends (a notebook's kernel).
/// Point any OpenAI client at <see cref="BaseUrl"/>.
/// </summary>
public sealed partial class InferenceServerProcess : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly List<string> _logs = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private InferenceServerProcess(Process process) => _process = process;

    /// <summary>The server's root, for example http://127.0.0.1:41234/ (health at /health, metrics at /metrics); set once it listens.</summary>
    public Uri Root => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("The server is not listening yet: await StartAsync.");

    /// <summary>The OpenAI base URL, for example http://127.0.0.1:41234/v1 (the SDK's OpenAIClientOptions.Endpoint, or OPENAI_BASE_URL).</summary>
    public Uri BaseUrl => new(Root, "v1");

    /// <summary>Everything it wrote to its console so far, one line each.</summary>
    public IReadOnlyList<string> Logs
    {
        get
        {
            lock (_gate)
            {
                return [.. _logs];
            }
        }
    }

    /// <summary>Starts the server and waits until it listens (loading a saved model takes a second; training one about half a minute).</summary>
    /// <param name="settings">The model and the server's settings; the defaults when null.</param>
    /// <param name="timeout">How long to wait for it to listen; 2 minutes by default (a hang guard).</param>
    /// <exception cref="FileNotFoundException">The server is not built; the message says how to build it.</exception>
    /// <exception cref="InvalidOperationException">It exited before listening (a bad setting: exit code 78); the message holds its last log lines.</exception>
    /// <exception cref="TimeoutException">It did not listen within <paramref name="timeout"/>; it is then killed.</exception>
    public static async Task<InferenceServerProcess> StartAsync(InferenceServerSettings? settings = null, TimeSpan? timeout = null)
    {
        settings ??= new InferenceServerSettings();
        var start = new ProcessStartInfo
        {
            FileName = CourseProgram.DotnetHost(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(settings.ServerPath ?? CourseProgram.Find("BatchLearning.Server"));
        foreach (var argument in settings.Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        var server = new InferenceServerProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}."));
        server._process.OutputDataReceived += (_, line) => server.Add(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Add(line.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.WaitUntilListeningAsync(timeout ?? HangGuard).ConfigureAwait(false);
        return server;
    }

    /// <summary>Asks it to stop with SIGTERM and returns its exit code (0 for an orderly stop); on Windows it is killed.</summary>
    /// <exception cref="TimeoutException">It did not end within <paramref name="timeout"/> (2 minutes by default); it is then killed.</exception>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited && (OperatingSystem.IsWindows() || SendSignal(_process.Id, 15) != 0))
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
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The server did not stop within {timeout ?? HangGuard} of SIGTERM; it was killed.");
        }

        return _process.ExitCode;
    }

    /// <summary>How a stop ended, in a sentence: "The server stopped (exit code 0)." or, for another code, that it did not stop cleanly.</summary>
    public static string DescribeExit(int exitCode) => exitCode == 0
        ? "The server stopped (exit code 0)."
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The server stopped with exit code {exitCode}: it did not finish cleanly (see its log).");

    /// <summary>Waits until it ends by itself (for example after the process that started it ended) and returns its exit code.</summary>
    /// <exception cref="TimeoutException">It did not end within <paramref name="timeout"/> (2 minutes by default); it goes on running.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var guard = new CancellationTokenSource(timeout ?? HangGuard);
        try
        {
            await _process.WaitForExitAsync(guard.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server did not end within {timeout ?? HangGuard}.");
        }

        _process.WaitForExit(); // the output's last lines are read
        return _process.ExitCode;
    }

    /// <summary>Kills it if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // already ended
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _logs.Add(line);
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout)).ConfigureAwait(false);
        if (first == _listening.Task)
        {
            return;
        }

        if (first == exited)
        {
            _process.WaitForExit(); // the output's last lines are read
            var failure = $"The server exited with code {_process.ExitCode} before listening. Its last lines: {string.Join(" | ", Logs.TakeLast(5))}";
            Dispose();
            throw new InvalidOperationException(failure);
        }

        var hang = $"The server did not listen within {timeout}; it was killed. Its last lines: {string.Join(" | ", Logs.TakeLast(5))}";
        Dispose();
        throw new TimeoutException(hang);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (http://\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex Listening();
}
