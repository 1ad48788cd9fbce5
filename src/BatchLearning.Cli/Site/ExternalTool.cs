using System.ComponentModel;
using System.Diagnostics;

namespace BatchLearning.Cli.Site;

/// <summary>Runs a program the site build relies on (nbconvert, npm, pagefind) and turns its failure into one clear message.</summary>
/// <param name="Program">The executable, found on PATH or given as a path.</param>
/// <param name="Purpose">What it is for, in messages ("nbconvert (the notebook pages)").</param>
/// <param name="InstallHint">What to do when it is missing.</param>
internal sealed record ExternalTool(string Program, string Purpose, string InstallHint)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    /// <summary>Runs the program with <paramref name="arguments"/> in <paramref name="folder"/> and returns its standard output.</summary>
    /// <exception cref="SiteBuildException">It is missing, fails (its last lines of output quoted), or runs longer than 10 minutes.</exception>
    public async Task<string> RunAsync(IEnumerable<string> arguments, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            throw new SiteBuildException($"{Program} is not installed or not on PATH; {Purpose} needs it. {InstallHint}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            guard.CancelAfter(HangGuard);
            try
            {
                await process.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new SiteBuildException($"{Program} ({Purpose}) did not finish in {HangGuard.TotalMinutes} minutes and was stopped.");
            }

            return process.ExitCode == 0 ? await output : throw Failure(process.ExitCode, await output + await error);
        }
    }

    private SiteBuildException Failure(int exitCode, string output)
    {
        var lines = output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new SiteBuildException($"{Program} ({Purpose}) failed with exit code {exitCode}: {string.Join(" / ", lines.TakeLast(6))}");
    }
}
