using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BatchLearning.Email;
using BatchLearning.Server;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace BatchLearning.Tests.Server;

/// <summary>Server tests run one at a time (each starts a server on 127.0.0.1 and a free port), with one trained classifier between them.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection
{
    public const string Name = "inference-server";
}

/// <summary>
/// The inference server started in this process on 127.0.0.1 and a free port (--Port 0), serving a real TorchSharp classifier trained once for all server tests,
/// and the official OpenAI SDK pointed at it. Disposing stops the server.
/// </summary>
internal sealed class ServerTestBed : IAsyncDisposable
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private static readonly Lazy<string> TrainedModel = new(Train);
    private readonly WebApplication _app;

    private ServerTestBed(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
        Http = new HttpClient { BaseAddress = root, Timeout = HangGuard };
    }

    /// <summary>The folder of the classifier every server test serves.</summary>
    public static string ModelFolder => TrainedModel.Value;

    public Uri Root { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every try the SDK clients of this bed sent: status, Retry-After header, time the response arrived.</summary>
    public ConcurrentQueue<(int Status, string? RetryAfter, DateTimeOffset At)> Tries { get; } = new();

    /// <summary>Starts a server with the trained model and <paramref name="more"/> settings; <paramref name="configure"/> changes its services first.</summary>
    public static async Task<ServerTestBed> StartAsync(string[]? more = null, Action<WebApplicationBuilder>? configure = null)
    {
        var app = ServerProgram.Build(["--Port", "0", "--Model", ModelFolder, .. more ?? []], builder =>
        {
            builder.Logging.ClearProviders();
            configure?.Invoke(builder);
        });
        await app.StartAsync().WaitAsync(HangGuard);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var root = new Uri(address.EndsWith('/') ? address : address + "/");
        Assert.Equal("127.0.0.1", root.Host);
        return new ServerTestBed(app, root);
    }

    /// <summary>An OpenAI SDK client for this server, with the SDK's own retry policy (<paramref name="maxRetries"/> retries on 429 and 5xx).</summary>
    public OpenAIClient Client(int maxRetries = 3, string apiKey = "test-key")
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(Root, "v1"), RetryPolicy = new ClientRetryPolicy(maxRetries), NetworkTimeout = HangGuard };
        options.AddPolicy(new TryRecorder(Tries), PipelinePosition.PerTry);
        return new OpenAIClient(new ApiKeyCredential(apiKey), options);
    }

    /// <summary>The server's /metrics.json.</summary>
    public async Task<JsonObject> MetricsAsync() => (JsonObject)JsonNode.Parse(await Http.GetStringAsync("metrics.json"))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().WaitAsync(HangGuard);
        await _app.DisposeAsync();
    }

    private static string Train()
    {
        var folder = Path.Combine(Repository.NewTemporaryFolder(), "model");
        var emails = EmailGenerator.SeveralDays(1_500, new DateOnly(2026, 1, 5), days: 3, seed: 2026);
        var (classifier, _) = EmailClassifier.Train(emails, new TrainingOptions(64, TrainingBudget.OfEpochs(2), OptimizerSettings.Adam(0.002)));
        using (classifier)
        {
            classifier.Save(folder);
        }

        return folder;
    }

    private sealed class TryRecorder(ConcurrentQueue<(int, string?, DateTimeOffset)> tries) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            ProcessNext(message, pipeline, currentIndex);
            Record(message);
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            await ProcessNextAsync(message, pipeline, currentIndex);
            Record(message);
        }

        private void Record(PipelineMessage message)
        {
            var response = message.Response!;
            tries.Enqueue((response.Status, response.Headers.TryGetValue("Retry-After", out var retryAfter) ? retryAfter : null, DateTimeOffset.UtcNow));
        }
    }
}
