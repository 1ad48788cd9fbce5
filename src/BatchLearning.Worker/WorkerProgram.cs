using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using BatchLearning.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace BatchLearning.Worker;

/// <summary>
/// Builds and runs the worker's host. Exit codes: 0 after Ctrl+C or SIGTERM (or any orderly stop), <see cref="InvalidConfiguration"/> when a setting is wrong,
/// <see cref="StartupFailed"/> when start-up fails otherwise (a damaged model, an inbox held by another job); each failure is one log line saying why.
/// </summary>
public static partial class WorkerProgram
{
    /// <summary>Exit code for a wrong setting: 78, EX_CONFIG of sysexits.h, which systemd shows as "CONFIG".</summary>
    public const int InvalidConfiguration = 78;

    /// <summary>Exit code for any other start-up failure: 1.</summary>
    public const int StartupFailed = 1;

    // The generic host's log category; its start-up failure line holds a stack trace (see CreateBuilder).
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>
    /// The host builder with the worker's services: settings from appsettings.json, BATCHLEARNING_* environment variables and <paramref name="args"/>
    /// (in that order of precedence, last wins), checked at start-up; the system clock; the saved classifier; the metrics; the OpenTelemetry Prometheus endpoint when
    /// MetricsPort is set. Tests replace services (the clock, the classifier) before building.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("BATCHLEARNING_");
        builder.Configuration.AddCommandLine(args); // again, so the command line wins over the environment
        // The host's own "Hosting failed to start" line carries the exception's stack trace; RunAsync logs each start-up failure itself, in one line.
        builder.Logging.AddFilter(HostCategory, LogLevel.None);
        builder.Services.AddOptions<InboxWorkerOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<InboxWorkerOptions>, InboxWorkerOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IEmailBatchClassifier, SavedEmailClassifier>();
        builder.Services.AddSingleton(services => new InboxMetrics(services.GetRequiredService<IMeterFactory>()));
        builder.Services.AddHostedService<InboxWorker>();
        builder.Services.AddHostedService<ParentProcessWatch>();
        builder.Services.AddSystemd();
        var port = builder.Configuration.GetValue<int?>(nameof(InboxWorkerOptions.MetricsPort)) ?? 0;
        if (port is > 0 and <= 65_535)
        {
            builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("batchlearning-inbox-worker")).WithMetrics(metrics => metrics
                .AddMeter(InboxMetrics.MeterName)
                .AddPrometheusHttpListener(listener =>
                {
                    listener.Host = "localhost";
                    listener.Port = port;
                }));
        }

        return builder;
    }

    /// <summary>Runs the worker until Ctrl+C or SIGTERM and returns the process's exit code.</summary>
    /// <param name="args">Command-line settings, for example --Inbox FILE --Model DIR --Period 00:00:10.</param>
    /// <param name="configure">Changes to the services before the host is built (tests use it); none by default.</param>
    /// <param name="cancellationToken">Stops the worker, as Ctrl+C does.</param>
    public static async Task<int> RunAsync(string[] args, Action<HostApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        HostApplicationBuilder builder;
        try
        {
            builder = CreateBuilder(args);
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException)
        {
            // A value the configuration binder cannot read (for example --Period five) fails before logging exists.
            await Console.Error.WriteLineAsync($"Invalid configuration: {error.Message}").ConfigureAwait(false);
            return InvalidConfiguration;
        }

        configure?.Invoke(builder);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BatchLearning.Worker");
        if (CheckedMetricsPort(host, logger) is not { } metricsPort)
        {
            return InvalidConfiguration;
        }

        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception error) when (error is not OutOfMemoryException and not OperationCanceledException)
        {
            LogStartupFailed(logger, Reason(error, metricsPort));
            return StartupFailed;
        }
    }

    // The settings bound and checked before the host starts, so a wrong one is one log line, not the host's stack trace:
    // the metrics port when they are valid, null (after logging why) when not.
    private static int? CheckedMetricsPort(IHost host, ILogger logger)
    {
        try
        {
            return host.Services.GetRequiredService<IOptions<InboxWorkerOptions>>().Value.MetricsPort;
        }
        catch (OptionsValidationException error)
        {
            LogInvalidConfiguration(logger, string.Join(" ", error.Failures));
            return null;
        }
        catch (InvalidOperationException error) when (error.InnerException is FormatException or InvalidOperationException)
        {
            LogInvalidConfiguration(logger, error.Message + " " + error.InnerException!.Message);
            return null;
        }
    }

    // The log line for a failed start: the port named when the metrics endpoint could not listen, else the error's own message (never its stack trace).
    private static string Reason(Exception error, int metricsPort)
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (metricsPort > 0 && cause is HttpListenerException or SocketException)
            {
                return $"MetricsPort {metricsPort}: cannot listen on http://localhost:{metricsPort}/ ({cause.Message}); another program may hold the port. Choose another with --MetricsPort (1 to 65535), or 0 for no metrics endpoint.";
            }
        }

        return error.InnerException is { } inner && error is AggregateException ? inner.Message : error.Message;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Invalid configuration, the worker did not start: {Failures}")]
    private static partial void LogInvalidConfiguration(ILogger logger, string failures);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The worker could not start: {Reason}")]
    private static partial void LogStartupFailed(ILogger logger, string reason);
}
