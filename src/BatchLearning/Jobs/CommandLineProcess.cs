using System.Diagnostics;

namespace BatchLearning.Jobs;

/// <summary>
/// The course's command line (src/BatchLearning.Cli, as <c>dotnet build</c> left it) run as a child process, for the steps a notebook should not do in its own
/// process: for example <c>inbox submit</c> and <c>inbox collect</c>, which send mail to a provider through its SDK (never loaded into the notebook) with the
/// command's own safeguards (nothing is sent without <c>--submit</c> and the API key; the key is never printed).
/// </summary>
public static class CommandLineProcess
{
    /// <summary>Runs <c>batchlearning ARGUMENTS</c> and waits for it to end. Its console wraps long messages at 80 columns when its output is read by another program.</summary>
    /// <param name="arguments">The command and its options, for example ["inbox", "collect", "--output", "artifacts/openai-batch"].</param>
    /// <param name="output">Receives each output line as it comes (a long wait shows its progress); none by default.</param>
    /// <param name="cancellationToken">Kills the process (the commands save their state as they go, so running them again goes on where they were).</param>
    /// <exception cref="FileNotFoundException">The command line is not built; the message says how to build it.</exception>
    public static async Task<CommandLineRun> RunAsync(IReadOnlyList<string> arguments, IProgress<string>? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = StartInfo(arguments);
        var lines = new List<string>();
        void Add(string? line)
        {
            if (line is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }

                output?.Report(line);
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.WaitForExit(); // the last output lines are read
        lock (lines)
        {
            return new CommandLineRun(process.ExitCode, [.. lines]);
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(CourseProgram.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CourseProgram.Find("BatchLearning.Cli"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
