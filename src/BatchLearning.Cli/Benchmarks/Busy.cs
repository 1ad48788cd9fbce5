using System.Diagnostics;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>
/// Keeps one processor core busy while it lives: a shell spinning in an endless loop, started by the test and killed on dispose.
/// Claims that must hold on a learner's busy machine are checked with one of these running (the tests' runs under load, `bench`'s claims section).
/// </summary>
internal sealed class Busy : IDisposable
{
    private readonly Process _spinner;
    private bool _disposed;

    private Busy(Process spinner) => _spinner = spinner;

    /// <summary>Starts the spinner (sh -c 'while :; do :; done').</summary>
    public static Busy OneCore()
    {
        var start = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("while :; do :; done");
        var spinner = Process.Start(start) ?? throw new InvalidOperationException("Could not start sh to keep a core busy.");
        return new Busy(spinner) { ProcessId = spinner.Id };
    }

    /// <summary>The spinner's process id.</summary>
    public int ProcessId { get; private init; }

    /// <summary>Whether the spinner is still running.</summary>
    public bool Running => !_disposed && !_spinner.HasExited;

    /// <summary>Kills the spinner (by its process id) and waits for it to end.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_spinner.HasExited)
        {
            _spinner.Kill();
            _spinner.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _spinner.Dispose();
    }
}
