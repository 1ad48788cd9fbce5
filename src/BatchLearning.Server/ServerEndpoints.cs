using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;

namespace BatchLearning.Server;

/// <summary>The server's middleware and routes: OpenAI's paths under /v1, /health and /metrics, and an OpenAI-shaped error for anything else.</summary>
internal static partial class ServerEndpoints
{
    /// <summary>Adds the middleware (request counting, errors, rate limits) and maps every endpoint.</summary>
    public static void Map(WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            metrics.Answered((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } route && !route.StartsWith("{*", StringComparison.Ordinal) ? route : "unmatched",
                context.Response.StatusCode);
        });
        app.UseExceptionHandler(failed => failed.Run(context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            return error is BadHttpRequestException bad
                ? new OpenAiError(bad.StatusCode, $"The request could not be read: {bad.Message}").WriteAsync(context.Response)
                : new OpenAiError(500, "The server had an error while processing your request.", "server_error").WriteAsync(context.Response);
        }));
        app.UseStatusCodePages(status => new OpenAiError(status.HttpContext.Response.StatusCode, Describe(status.HttpContext)).WriteAsync(status.HttpContext.Response));
        app.UseRateLimiter();
        MapOpenAi(app);
        MapOperations(app);
        app.MapFallback((HttpContext context) => OpenAiError.NotFound($"Invalid URL ({context.Request.Method} {context.Request.Path})").ToResult());
        LogModel(app.Logger, app.Services.GetRequiredService<ModelDescription>().Text, app.Services.GetRequiredService<InferenceServerOptions>().ModelName);
    }

    private static void MapOpenAi(WebApplication app)
    {
        app.MapPost("/v1/chat/completions", (HttpContext context, ChatCompletionsEndpoint chat) => chat.HandleAsync(context));
        app.MapPost("/v1/completions", (HttpContext context, CompletionsEndpoint completions) => completions.HandleAsync(context));
        app.MapGet("/v1/models", (InferenceServerOptions options) => Results.Json(new JsonObject { ["object"] = "list", ["data"] = new JsonArray(Model(options)) }));
        app.MapGet("/v1/models/{id}", (string id, InferenceServerOptions options) =>
            id == options.ModelName ? Results.Json(Model(options)) : OpenAiError.UnknownModel(id, options.ModelName).ToResult());
        app.MapPost("/v1/files", (HttpContext context, FilesEndpoints files) => files.UploadAsync(context));
        app.MapGet("/v1/files/{id}", (string id, FilesEndpoints files) => files.Get(id));
        app.MapGet("/v1/files/{id}/content", (string id, FilesEndpoints files) => files.Content(id));
        app.MapPost("/v1/batches", (HttpContext context, BatchesEndpoints batches) => batches.CreateAsync(context));
        app.MapGet("/v1/batches/{id}", (string id, BatchesEndpoints batches) => batches.Get(id));
        app.MapPost("/v1/batches/{id}/cancel", (string id, BatchesEndpoints batches) => batches.Cancel(id));
    }

    private static void MapOperations(WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapGet("/metrics", (ServerMetrics metrics, ServedClassifier model) =>
            Results.Text(metrics.ToPrometheus(model), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapGet("/metrics.json", (ServerMetrics metrics, ServedClassifier model, IServiceProvider services) =>
            Results.Json(metrics.ToJson(model, services.GetService<ContinuousBatcher>())));
    }

    private static JsonObject Model(InferenceServerOptions options) =>
        new() { ["id"] = options.ModelName, ["object"] = "model", ["created"] = 1_767_225_600, ["owned_by"] = "batchlearning" };

    private static string Describe(HttpContext context) => context.Response.StatusCode switch
    {
        404 => $"Invalid URL ({context.Request.Method} {context.Request.Path})",
        405 => $"Method {context.Request.Method} is not allowed on {context.Request.Path}.",
        413 => "The request body is too large for this server (MaxFileBytes).",
        _ => $"The request failed with status {context.Response.StatusCode}.",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the email classifier ({Description}) as model '{ModelName}'")]
    private static partial void LogModel(ILogger logger, string description, string modelName);
}
