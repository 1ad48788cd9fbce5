using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace BatchLearning.Server;

/// <summary>
/// Providers' rate limits, per API key (the Authorization header) on the completion endpoints: requests per window through ASP.NET Core's rate-limiting
/// middleware, prompt tokens per window in the endpoint (the tokens are known once the body is read). Both are fixed windows of
/// System.Threading.RateLimiting; a refused call gets 429, an OpenAI-shaped error (type "requests" or "tokens", code "rate_limit_exceeded") and
/// Retry-After in whole seconds: the window plus one second. A fixed window does not say when it started, and its own timer replenishes it (a few ms late
/// on a busy machine), so the server cannot give the exact rest of the window as OpenAI does; waiting a whole window and a second is always enough.
/// </summary>
internal sealed class RateLimits : IDisposable
{
    private readonly InferenceServerOptions _options;
    private readonly PartitionedRateLimiter<string>? _tokens;
    private readonly ServerMetrics _metrics;

    public RateLimits(InferenceServerOptions options, ServerMetrics metrics)
    {
        _options = options;
        _metrics = metrics;
        _tokens = options.TokensPerMinute > 0
            ? PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(options.TokensPerMinute)))
            : null;
    }

    /// <summary>True for the paths the limits apply to.</summary>
    public static bool IsLimited(PathString path) =>
        path.Equals("/v1/chat/completions", StringComparison.OrdinalIgnoreCase) || path.Equals("/v1/completions", StringComparison.OrdinalIgnoreCase);

    /// <summary>The caller's key: its Authorization header, or "anonymous".</summary>
    public static string KeyOf(HttpContext context) => context.Request.Headers.Authorization.ToString() is { Length: > 0 } key ? key : "anonymous";

    /// <summary>Sets up the middleware's requests-per-window limit (none when <see cref="InferenceServerOptions.RequestsPerMinute"/> is 0).</summary>
    public static void ConfigureRequests(RateLimiterOptions limiter, InferenceServerOptions options)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            options.RequestsPerMinute > 0 && IsLimited(context.Request.Path)
                ? RateLimitPartition.GetFixedWindowLimiter(KeyOf(context), _ => Window(options.RequestsPerMinute, options.RateLimitWindow))
                : RateLimitPartition.GetNoLimiter(""));
        limiter.OnRejected = (rejected, cancellationToken) =>
        {
            var context = rejected.HttpContext;
            context.RequestServices.GetRequiredService<ServerMetrics>().RateLimited("requests");
            var seconds = RetryAfterSeconds(rejected.Lease, options.RateLimitWindow);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var error = new OpenAiError(429, string.Create(CultureInfo.InvariantCulture,
                $"Rate limit reached for {options.ModelName} on requests per minute (RPM): Limit {options.RequestsPerMinute}. Please try again in {seconds}s."),
                "requests", "rate_limit_exceeded");
            return new ValueTask(error.WriteAsync(context.Response, cancellationToken));
        };
    }

    /// <summary>Takes <paramref name="tokens"/> from the caller's token budget; the 429 error when the budget is spent, else null.</summary>
    public OpenAiError? TakeTokens(HttpContext context, int tokens)
    {
        if (_tokens is null)
        {
            return null;
        }

        if (tokens > _options.TokensPerMinute)
        {
            _metrics.RateLimited("tokens");
            return new OpenAiError(429, string.Create(CultureInfo.InvariantCulture,
                $"Request too large for {_options.ModelName} on tokens per min (TPM): Limit {_options.TokensPerMinute}, Requested {tokens}. The input must be reduced in order to run successfully."),
                "tokens", "rate_limit_exceeded", "messages");
        }

        using var lease = _tokens.AttemptAcquire(KeyOf(context), tokens);
        if (lease.IsAcquired)
        {
            return null;
        }

        _metrics.RateLimited("tokens");
        var seconds = RetryAfterSeconds(lease, _options.RateLimitWindow);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new OpenAiError(429, string.Create(CultureInfo.InvariantCulture,
            $"Rate limit reached for {_options.ModelName} on tokens per min (TPM): Limit {_options.TokensPerMinute}, Requested {tokens}. Please try again in {seconds}s."),
            "tokens", "rate_limit_exceeded");
    }

    /// <summary>Stops the token limiter.</summary>
    public void Dispose() => _tokens?.Dispose();

    private FixedWindowRateLimiterOptions Window(int permits) => Window(permits, _options.RateLimitWindow);

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static int RetryAfterSeconds(RateLimitLease lease, TimeSpan window)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
        return (int)Math.Ceiling(wait.TotalSeconds) + 1;
    }
}
