using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Http.Resilience;
using OpenAI;
using Polly;

namespace BatchLearning.Providers;

/// <summary>
/// An <see cref="IChatClient"/> (Microsoft.Extensions.AI) for any OpenAI-compatible endpoint: the course's inference server, vLLM, Ollama, or OpenAI itself.
/// It is the official OpenAI SDK's chat client, adapted by Microsoft.Extensions.AI.OpenAI, sending through an HttpClient whose retries come from
/// Microsoft.Extensions.Http.Resilience (Polly): 429, 408 and 5xx are retried, after the Retry-After the server sent when it sent one.
/// The SDK's own retries are turned off, so there is one retry policy, not two.
/// </summary>
public static class OpenAiCompatibleChat
{
    /// <summary>A chat client for <paramref name="model"/> at <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The API's base URL, for example http://127.0.0.1:8000/v1 (the SDK's Endpoint, OPENAI_BASE_URL).</param>
    /// <param name="model">The model to ask, for example "batchlearning-email".</param>
    /// <param name="options">Key, retries, timeout; the defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it and its range.</exception>
    public static IChatClient Create(Uri baseUrl, string model, OpenAiCompatibleChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        options = Checked(options ?? new OpenAiCompatibleChatOptions());
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            Transport = new HttpClientPipelineTransport(RetryingHttpClient(options)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.AttemptTimeout * (options.MaxRetries + 1),
        };
        return new OpenAIClient(new ApiKeyCredential(options.ApiKey), clientOptions).GetChatClient(model).AsIChatClient();
    }

    // An HttpClient whose handler retries with Polly: exponential backoff with jitter from FirstRetryDelay, or the server's Retry-After.
    private static HttpClient RetryingHttpClient(OpenAiCompatibleChatOptions options)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = options.MaxRetries == 0 ? _ => PredicateResult.False() : new HttpRetryStrategyOptions().ShouldHandle,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
#pragma warning disable EXTEXP0001 // ResilienceHandler built from a pipeline is marked experimental; it is the documented way to use one without dependency injection.
        var handler = new ResilienceHandler(pipeline) { InnerHandler = options.Traffic is { } traffic ? new ChatTraffic.CountingHandler(traffic) : new SocketsHttpHandler() };
#pragma warning restore EXTEXP0001
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static OpenAiCompatibleChatOptions Checked(OpenAiCompatibleChatOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey, nameof(options.ApiKey));
        if (options.MaxRetries is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRetries, Text($"MaxRetries must be from 0 to 10; got {options.MaxRetries}."));
        }

        if (options.FirstRetryDelay < TimeSpan.Zero || options.FirstRetryDelay > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FirstRetryDelay, Text($"FirstRetryDelay must be from 0 to 1 minute; got {options.FirstRetryDelay}."));
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.AttemptTimeout, Text($"AttemptTimeout must be above 0 and at most 1 hour; got {options.AttemptTimeout}."));
        }

        return options;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
