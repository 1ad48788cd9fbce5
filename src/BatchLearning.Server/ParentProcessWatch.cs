using System.Diagnostics;

namespace BatchLearning.Server;

/// <summary>
/// Stops the server, the orderly way, when the process that started it has ended (<see cref="InferenceServerOptions.ParentProcessId"/>): a server started by a
/// notebook must end with its kernel. Checks once a second; does nothing when no parent is set.
/// </summary>
internal sealed partial class ParentProcessWatch(InferenceServerOptions options, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatch> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parent = options.ParentProcessId;
        if (parent <= 0)
        {
            return;
        }

        try
        {
            while (IsRunning(parent))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        LogParentEnded(parent);
        lifetime.StopApplication();
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The process that started the server ({ParentProcessId}) has ended: stopping.")]
    private partial void LogParentEnded(int parentProcessId);
}
