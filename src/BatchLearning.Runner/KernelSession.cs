using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace BatchLearning.Runner;

/// <summary>
/// One fresh .NET Interactive kernel, the build learners get (the dotnet-interactive tool pinned in .config/dotnet-tools.json),
/// driven over its standard-I/O protocol: one JSON command per line in, one JSON event per line out.
/// </summary>
public sealed class KernelSession : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    // The kernels this program has started and not yet disposed. The owner watch (below) ends a kernel when its owner dies, but only once its
    // first submission has run: a program that exits while a kernel is still starting (a filtered test run ending as queued notebooks start)
    // would leave that kernel spinning a core. So a normal exit also kills every kernel still alive.
    private static readonly ConcurrentDictionary<Process, byte> Live = new();

    private readonly Process _process;
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly Task _reader;
    private readonly List<string> _standardError = [];
    private int _submissions;

    static KernelSession() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Live.Keys)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    };

    private KernelSession(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadEventsAsync);
        _ = Task.Run(ReadStandardErrorAsync);
    }

    /// <summary>Starts a kernel whose current directory is <paramref name="workingDirectory"/> and waits until it is ready.</summary>
    /// <param name="repositoryRoot">The folder holding .config/dotnet-tools.json (the tool is run from there).</param>
    /// <param name="workingDirectory">The kernel's current directory: the notebook's folder, as in VS Code and Jupyter.</param>
    /// <param name="cancellationToken">Stops waiting (and the kernel).</param>
    /// <param name="environment">Extra environment variables for the kernel process (for example OMP_NUM_THREADS); none when null.</param>
    public static async Task<KernelSession> StartAsync(
        string repositoryRoot, string workingDirectory, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var self = Process.GetCurrentProcess();
        return await StartAsync(repositoryRoot, workingDirectory, cancellationToken, environment, self);
    }

    /// <summary>Starts a kernel that ends itself within about a second of <paramref name="owner"/> ending (the runner, unless a test names another process).</summary>
    internal static async Task<KernelSession> StartAsync(
        string repositoryRoot, string workingDirectory, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment, Process owner)
    {
        await RestoreToolOnceAsync(repositoryRoot, cancellationToken);
        var process = Process.Start(StartInfo(repositoryRoot, workingDirectory, environment))
                      ?? throw new InvalidOperationException("Could not start 'dotnet tool run dotnet-interactive'.");
        Live.TryAdd(process, 0);
        var session = new KernelSession(process);
        try
        {
            await session.WaitUntilReadyAsync(repositoryRoot, cancellationToken);
            var watch = await session.SubmitAsync(OwnerWatch(owner), "csharp", StartTimeout, cancellationToken);
            if (!watch.Succeeded)
            {
                throw new InvalidOperationException($"The kernel started but could not be tied to the program that started it: {watch.Error}");
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(string repositoryRoot, string workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "tool", "run", "dotnet-interactive", "--", "stdio", "--working-dir", workingDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    // Waits for the kernel's KernelReady event, at most StartTimeout.
    private async Task WaitUntilReadyAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while ((string?)(await _events.Reader.ReadAsync(timeout.Token))["eventType"] != "KernelReady")
            {
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ChannelClosedException)
        {
            throw new InvalidOperationException(
                $"The dotnet-interactive kernel did not start within {StartTimeout.TotalSeconds:0} s. Run 'dotnet tool restore' in {repositoryRoot}. " +
                $"Its error output: {LastErrorLines()}",
                error);
        }
    }

    // dotnet-interactive keeps running when the program driving it dies (a kill -9, a test host that exits mid-run): with its input closed it
    // spins a core at 100 % for good. So the first submission, before any notebook cell, starts a thread in the kernel that ends the kernel's
    // process within a second of its owner's end (the owner's start time guards against a reused process id). It declares no variable.
    private static string OwnerWatch(Process owner)
    {
        var (id, started) = (owner.Id, owner.StartTime.ToUniversalTime().Ticks);
        return $$"""
            _ = System.Threading.Tasks.Task.Run(async () =>
            {
                while (true)
                {
                    await System.Threading.Tasks.Task.Delay(1000);
                    try
                    {
                        using var owner = System.Diagnostics.Process.GetProcessById({{id}});
                        var startedSeconds = (owner.StartTime.ToUniversalTime().Ticks - {{started}}L) / 1e7;
                        if (!owner.HasExited && System.Math.Abs(startedSeconds) < 2) continue;
                    }
                    catch (System.Exception) { }
                    System.Diagnostics.Process.GetCurrentProcess().Kill();
                }
            });
            """;
    }

    // `dotnet tool restore` installs the pinned kernel on a fresh machine; it takes about a second when it is already there.
    private static readonly SemaphoreSlim ToolRestore = new(1, 1);
    private static bool _toolRestored;

    private static async Task RestoreToolOnceAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        await ToolRestore.WaitAsync(cancellationToken);
        try
        {
            if (_toolRestored)
            {
                return;
            }

            var start = new ProcessStartInfo("dotnet", "tool restore")
            {
                WorkingDirectory = repositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'dotnet tool restore'.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'dotnet tool restore' failed in {repositoryRoot} (exit {process.ExitCode}), so the pinned dotnet-interactive kernel is missing: {await error}{await output}");
            }

            _toolRestored = true;
        }
        finally
        {
            ToolRestore.Release();
        }
    }

    /// <summary>Runs <paramref name="code"/> in the kernel <paramref name="kernelName"/> and collects its outputs.</summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="kernelName">The subkernel, for example "csharp".</param>
    /// <param name="timeout">How long the cell may run; past that the kernel is stopped and the cell fails.</param>
    /// <param name="cancellationToken">Stops the cell (and the kernel).</param>
    public async Task<CellExecution> SubmitAsync(string code, string kernelName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var token = $"cell-{Interlocked.Increment(ref _submissions)}";
        var watch = Stopwatch.StartNew();
        await SendAsync(code, kernelName, token, cancellationToken);

        var outputs = new List<CellOutput>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var item = await _events.Reader.ReadAsync(deadline.Token);
                var type = (string?)item["eventType"];
                var isOwnTerminal = (string?)item["command"]?["token"] == token;
                switch (type)
                {
                    case "CommandSucceeded" when isOwnTerminal:
                        return new CellExecution(true, outputs, null, watch.Elapsed.TotalSeconds);
                    case "CommandFailed" when isOwnTerminal:
                        return Failed(outputs, (string?)item["event"]?["message"] ?? "The cell failed.", watch);
                    default:
                        Collect(type, item["event"]?.AsObject(), outputs);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            return Failed(outputs, $"The cell did not finish within {timeout.TotalSeconds:0} s; the kernel was stopped.", watch);
        }
        catch (ChannelClosedException)
        {
            return Failed(outputs, $"The kernel exited (code {ExitCodeOrUnknown()}) while the cell ran. Its last error output: " + LastErrorLines(), watch);
        }
    }

    // Writes one SubmitCode command, tagged with its token, to the kernel's standard input.
    private async Task SendAsync(string code, string kernelName, string token, CancellationToken cancellationToken)
    {
        var command = new JsonObject
        {
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = kernelName },
            ["token"] = token,
        };
        await _process.StandardInput.WriteLineAsync(command.ToJsonString());
        await _process.StandardInput.FlushAsync(cancellationToken);
    }

    private static CellExecution Failed(List<CellOutput> outputs, string message, Stopwatch watch)
    {
        outputs.Add(CellOutput.OfText(CellOutputKind.Error, message));
        return new CellExecution(false, outputs, message, watch.Elapsed.TotalSeconds);
    }

    private static void Collect(string? type, JsonObject? body, List<CellOutput> outputs)
    {
        if (body is null)
        {
            return;
        }

        // Compiler warnings: Jupyter shows them as a stderr stream, so the runner keeps them the same way (errors fail the cell instead).
        if (type == "DiagnosticsProduced")
        {
            CollectWarnings(body, outputs);
            return;
        }

        var kind = OutputKind(type);
        if (kind is null)
        {
            return;
        }

        var data = FormattedValues(body);
        var valueId = (string?)body["valueId"];
        var output = new CellOutput(kind.Value, data, valueId);
        var earlier = valueId is null ? -1 : outputs.FindIndex(o => o.ValueId == valueId);
        if (type == "DisplayedValueUpdated" && earlier >= 0)
        {
            outputs[earlier] = output;
        }
        else
        {
            outputs.Add(output);
        }
    }

    // The kind of output an event carries, or null for events that carry none.
    private static CellOutputKind? OutputKind(string? type) => type switch
    {
        "ReturnValueProduced" => CellOutputKind.Result,
        "DisplayedValueProduced" or "DisplayedValueUpdated" => CellOutputKind.Display,
        "StandardOutputValueProduced" => CellOutputKind.StandardOutput,
        "StandardErrorValueProduced" => CellOutputKind.StandardError,
        "ErrorProduced" => CellOutputKind.Error,
        _ => null,
    };

    private static void CollectWarnings(JsonObject body, List<CellOutput> outputs)
    {
        var warnings = body["diagnostics"]?.AsArray()
            .Zip(body["formattedDiagnostics"]?.AsArray() ?? [])
            .Where(pair => (string?)pair.First?["severity"] == "warning")
            .Select(pair => (string?)pair.Second?["value"])
            .OfType<string>()
            .ToList() ?? [];
        if (warnings.Count > 0)
        {
            outputs.Add(CellOutput.OfText(CellOutputKind.StandardError, string.Join("\n", warnings) + "\n"));
        }
    }

    // The value's forms by MIME type; an error's message as text when it has none.
    private static Dictionary<string, string> FormattedValues(JsonObject body)
    {
        var data = new Dictionary<string, string>();
        foreach (var value in body["formattedValues"]?.AsArray() ?? [])
        {
            if (value?["mimeType"] is { } mime && value["value"] is { } text)
            {
                data[(string)mime!] = (string)text!;
            }
        }

        if (data.Count == 0 && (string?)body["message"] is { } message)
        {
            data["text/plain"] = message;
        }

        return data;
    }

    private async Task ReadEventsAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                // The kernel prints a welcome banner before the protocol starts: only JSON lines are events.
                if (!line.StartsWith('{'))
                {
                    continue;
                }

                try
                {
                    if (JsonNode.Parse(line) is JsonObject item)
                    {
                        await _events.Writer.WriteAsync(item);
                    }
                }
                catch (JsonException)
                {
                    // A line that is not an event (for example text a cell wrote while the kernel was starting).
                }
            }
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    private async Task ReadStandardErrorAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_standardError)
            {
                _standardError.Add(line);
            }
        }
    }

    private string LastErrorLines()
    {
        lock (_standardError)
        {
            return string.Join(" | ", _standardError.TakeLast(5));
        }
    }

    private string ExitCodeOrUnknown() => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the kernel's process to end by itself; true when it did.</summary>
    internal async Task<bool> EndedWithinAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Stops the kernel process and everything it started.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The kernel already exited.
        }

        Kill();
        await _process.WaitForExitAsync();
        await _reader;
        Live.TryRemove(_process, out _);
        _process.Dispose();
    }
}
