using System.Net;

namespace BatchLearning.Providers;

/// <summary>
/// What a chat client made by <see cref="OpenAiCompatibleChat.Create"/> sent over HTTP, counted below its retry policy: every attempt (first tries and
/// retries) and how each was answered. The caller of <c>GetResponseAsync</c> sees one answer; this shows the 429s and retries it took. Safe to share between threads.
/// </summary>
public sealed class ChatTraffic
{
    private long _attempts;
    private long _rateLimited;
    private long _otherFailures;

    /// <summary>HTTP requests sent, retries included.</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Attempts answered 429 Too Many Requests (a rate limit), each followed by a retry while retries were left.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Attempts answered with another failure (408, 5xx) or not answered at all (a network error, a timeout).</summary>
    public long OtherFailures => Interlocked.Read(ref _otherFailures);

    /// <inheritdoc />
    public override string ToString() => $"{Attempts} attempts: {RateLimited} answered 429, {OtherFailures} other failures";

    /// <summary>Counts one attempt and its answer (null: no answer).</summary>
    internal void Count(HttpStatusCode? status)
    {
        Interlocked.Increment(ref _attempts);
        if (status == HttpStatusCode.TooManyRequests)
        {
            Interlocked.Increment(ref _rateLimited);
        }
        else if (status is null or HttpStatusCode.RequestTimeout || (int)status >= 500)
        {
            Interlocked.Increment(ref _otherFailures);
        }
    }

    /// <summary>A handler under the retry policy that counts each attempt into a <see cref="ChatTraffic"/>.</summary>
    internal sealed class CountingHandler(ChatTraffic traffic) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                traffic.Count(response.StatusCode);
                return response;
            }
            catch (Exception) // no answer: a network error, or the attempt's timeout
            {
                traffic.Count(null);
                throw;
            }
        }
    }
}
