namespace BatchLearning.Providers;

/// <summary>What one way of calling the model did for the same emails, measured by <see cref="ModelCallComparison"/>.</summary>
/// <param name="Path">"one email per request", "k emails per request" or "one batch file".</param>
/// <param name="Emails">Emails sent.</param>
/// <param name="Classified">Emails that came back with a category.</param>
/// <param name="Requests">Requests billed: chat completions, or lines of the batch file.</param>
/// <param name="HttpAttempts">HTTP attempts the chat paths made, retries included; null for the batch path (its calls are an upload, a create, polls and downloads).</param>
/// <param name="RateLimited">Attempts answered 429 (each retried after the server's Retry-After); null for the batch path.</param>
/// <param name="InputTokens">Prompt tokens billed, summed from each answer's usage.</param>
/// <param name="OutputTokens">Completion tokens billed, summed from each answer's usage.</param>
/// <param name="MedianLatencyMs">The median time from an email's request being sent to its category coming back, in milliseconds.</param>
/// <param name="P99LatencyMs">The 99th percentile of that time (nearest rank).</param>
/// <param name="WallSeconds">Time for all the emails, first request to last answer.</param>
/// <param name="CostUsd">The billed tokens priced at the price table's rate for this path (real-time rates for the chat paths, batch rates for the batch file).</param>
public sealed record ModelCallPath(
    string Path,
    int Emails,
    int Classified,
    long Requests,
    long? HttpAttempts,
    long? RateLimited,
    long InputTokens,
    long OutputTokens,
    double MedianLatencyMs,
    double P99LatencyMs,
    double WallSeconds,
    double CostUsd)
{
    /// <summary>The path's cost per 1,000 emails, US$.</summary>
    public double CostPerThousandEmails => Emails == 0 ? 0 : CostUsd / Emails * 1000;

    /// <summary>Billed input tokens per email.</summary>
    public double InputTokensPerEmail => Emails == 0 ? 0 : (double)InputTokens / Emails;
}
