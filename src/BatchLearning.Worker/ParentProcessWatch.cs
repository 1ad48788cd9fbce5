using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BatchLearning.Worker;

/// <summary>
/// Stops the worker, the orderly way, when the process that started it has ended (<see cref="InboxWorkerOptions.ParentProcessId"/>): a worker started by a
/// notebook or a test must not outlive it and run on forever when the kernel is killed. Checks once a second; does nothing when no parent is set.
/// </summary>
public sealed partial class ParentProcessWatch(IOptions<InboxWorkerOptions> options, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatch> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parent = options.Value.ParentProcessId;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The process that started the worker ({ParentProcessId}) has ended: stopping.")]
    private partial void LogParentEnded(int parentProcessId);
}
