using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BatchLearning.Server;

/// <summary>
/// Builds and runs the inference server. Exit codes: 0 after Ctrl+C or SIGTERM (or when the parent process ends), <see cref="InvalidConfiguration"/> when a
/// setting is wrong (including a non-loopback Host without AllowRemote), <see cref="StartupFailed"/> when start-up fails otherwise (a damaged model, a port in use).
/// </summary>
public static partial class ServerProgram
{
    /// <summary>Exit code for a wrong setting: 78, EX_CONFIG of sysexits.h.</summary>
    public const int InvalidConfiguration = 78;

    /// <summary>Exit code for any other start-up failure: 1.</summary>
    public const int StartupFailed = 1;

    /// <summary>
    /// The server, built and not yet started: settings from server-settings.json, BATCHLEARNING_* environment variables and <paramref name="args"/> (last wins), checked;
    /// the classifier loaded (or trained); Kestrel bound to <see cref="InferenceServerOptions.Host"/>:<see cref="InferenceServerOptions.Port"/>.
    /// </summary>
    /// <param name="args">Command-line settings, for example --Port 0 --Model artifacts/email-model.</param>
    /// <param name="configure">Changes to the services before the server's own are added (tests replace the Batch API's clock); none by default.</param>
    /// <exception cref="OptionsValidationException">A setting is wrong; the failures name each one and its valid range.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Only the server's own sources: a host process (a test) may hold another program's appsettings.json in the same folder.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "server-settings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables("BATCHLEARNING_");
        builder.Configuration.AddCommandLine(args);
        var options = builder.Configuration.Get<InferenceServerOptions>() ?? new InferenceServerOptions();
        var check = new InferenceServerOptionsValidator().Validate(null, options);
        if (check.Failed)
        {
            throw new OptionsValidationException(nameof(InferenceServerOptions), typeof(InferenceServerOptions), check.Failures);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(options.Host);
            kestrel.Listen(address, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxFileBytes + (1L << 20);
        });
        configure?.Invoke(builder);
        AddServices(builder.Services, options);
        var app = builder.Build();
        ServerEndpoints.Map(app);
        return app;
    }

    /// <summary>Runs the server until Ctrl+C or SIGTERM and returns the process's exit code.</summary>
    /// <param name="args">Command-line settings, for example --Port 8000 --Model DIR --RequestsPerMinute 500.</param>
    /// <param name="cancellationToken">Stops the server, as Ctrl+C does.</param>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (Exception error) when (error is OptionsValidationException or InvalidOperationException or FormatException)
        {
            var failures = error is OptionsValidationException invalid ? string.Join(" ", invalid.Failures) : error.Message;
            await Console.Error.WriteLineAsync($"Invalid configuration, the server did not start: {failures}").ConfigureAwait(false);
            return InvalidConfiguration;
        }
        catch (Exception error) when (error is IOException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"The server could not start: {error.Message}").ConfigureAwait(false);
            return StartupFailed;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.RunAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (Exception error) when (error is IOException or InvalidOperationException)
            {
                LogStartupFailed(app.Logger, error.Message);
                return StartupFailed;
            }
        }
    }

    private static void AddServices(IServiceCollection services, InferenceServerOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new BatchApiClock(TimeProvider.System));
        var (classifier, description) = ServedClassifier.Open(options);
        services.AddSingleton(new ServedClassifier(classifier, options));
        services.AddSingleton(new ModelDescription(description));
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<RateLimits>();
        services.AddSingleton<LatencyEmulation>();
        services.AddSingleton<FileStore>();
        services.AddSingleton<BatchRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<BatchRunner>());
        services.AddHostedService<ParentProcessWatch>();
        services.AddSingleton<ChatCompletionsEndpoint>();
        services.AddSingleton<FilesEndpoints>();
        services.AddSingleton<BatchesEndpoints>();
        services.AddRateLimiter(limiter => RateLimits.ConfigureRequests(limiter, options));
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => FilesEndpoints.ConfigureLimits(form, options));
        services.AddHealthChecks();
        AddCompletions(services, options);
    }

    // Notebook 07's character model behind continuous batching, when --Completions true (trained on 3,000 synthetic subjects, seed 2026, as notebook 07 does).
    private static void AddCompletions(IServiceCollection services, InferenceServerOptions options)
    {
        if (options.Completions)
        {
            var model = Generation.CharacterModel.Train(Generation.CharacterModel.Subjects(3_000, seed: 2026), seed: 2026);
            services.AddSingleton(model);
            services.AddSingleton<ContinuousBatcher>();
            services.AddHostedService(provider => provider.GetRequiredService<ContinuousBatcher>());
        }

        services.AddSingleton(provider => new CompletionsEndpoint(
            provider.GetService<ContinuousBatcher>(), options, provider.GetRequiredService<RateLimits>(), provider.GetRequiredService<TimeProvider>()));
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The server could not start: {Reason}")]
    private static partial void LogStartupFailed(ILogger logger, string reason);
}
