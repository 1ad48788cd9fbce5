using BatchLearning.Costs;
using BatchLearning.Findings;
using static System.FormattableString;

namespace BatchLearning.Providers;

/// <summary>The three ways of calling the model (<see cref="ModelCallComparison"/>) in a sentence, from what each billed and how long it took.</summary>
public static class ModelCallReport
{
    /// <summary>Requests and tokens billed one per request, k per request and in one batch file, the cost per 1,000 emails, and whether every email came back.</summary>
    /// <param name="calls">The three paths, in <see cref="ModelCallComparison.RunAsync"/>'s order.</param>
    /// <param name="price">The price the costs were computed with (for the output-to-input price ratio).</param>
    public static Finding Describe(IReadOnlyList<ModelCallPath> calls, ApiPrice price)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(price);
        ThreePaths(calls);

        var (oneEach, packed, batchFile) = (calls[0], calls[1], calls[2]);
        var sameTokens = (batchFile.InputTokens, batchFile.OutputTokens) == (oneEach.InputTokens, oneEach.OutputTokens);
        var fileTokens = sameTokens ? "the same tokens as one per request" : Invariant($"{batchFile.InputTokens:N0} and {batchFile.OutputTokens:N0}");
        var allBack = calls.All(c => c.Classified == c.Emails);
        var perRequest = packed.Requests == 0 ? 0 : (packed.Emails + packed.Requests - 1) / packed.Requests;
        var packedWords = packed.Requests * perRequest == packed.Emails ? Invariant($"{perRequest} per request") : Invariant($"up to {perRequest} per request");
        var text = Invariant($"The same {oneEach.Emails} emails: one per request, {oneEach.Requests} requests billed {oneEach.InputTokens:N0} input and {oneEach.OutputTokens:N0} output tokens; ") +
            Invariant($"{packedWords}, {packed.Requests} requests billed {packed.InputTokens:N0} and {packed.OutputTokens:N0} ") +
            Invariant($"(the numbered answer is longer, and an output token costs {price.OutputPerMillion / price.InputPerMillion:0.#}x an input token); the batch file billed {fileTokens}, at the batch price. ") +
            Invariant($"Per 1,000 emails: ${oneEach.CostPerThousandEmails:0.0000}, ${packed.CostPerThousandEmails:0.0000} and ${batchFile.CostPerThousandEmails:0.0000}. ") +
            Invariant($"The file came back after {batchFile.WallSeconds:0.0} s because this server runs it at once; a provider may take up to 24 hours. ") +
            (allBack ? "Every email came back classified." : "Some emails came back unclassified.");
        return Finding.Of("three ways of calling the model", text,
            ("oneEachRequests", oneEach.Requests), ("oneEachInputTokens", oneEach.InputTokens), ("oneEachOutputTokens", oneEach.OutputTokens),
            ("packedRequests", packed.Requests), ("packedInputTokens", packed.InputTokens), ("packedOutputTokens", packed.OutputTokens),
            ("batchInputTokens", batchFile.InputTokens), ("batchOutputTokens", batchFile.OutputTokens),
            ("oneEachCostPerThousand", oneEach.CostPerThousandEmails), ("packedCostPerThousand", packed.CostPerThousandEmails), ("batchCostPerThousand", batchFile.CostPerThousandEmails),
            ("unclassified", calls.Sum(c => c.Emails - c.Classified))) with { Verdict = allBack ? "every email classified" : "some unclassified" };
    }

    /// <summary>
    /// The three ways against the server's rate limit: how many attempts one per request and k per request met a 429 (each retried), the input tokens an
    /// email, the wait for the batch file, and the cost per 1,000 emails of each with the savings against one per request. The verdict: "one per request
    /// met the limit" or "no 429".
    /// </summary>
    /// <param name="calls">The three paths, in <see cref="ModelCallComparison.RunAsync"/>'s order.</param>
    public static Finding DescribeRateLimits(IReadOnlyList<ModelCallPath> calls)
    {
        ThreePaths(calls);

        var (single, packed, file) = (calls[0], calls[1], calls[2]);
        var unanswered = calls.Where(c => c.Classified < c.Emails).Select(c => Invariant($"{c.Path}: {c.Emails - c.Classified}")).ToList();
        var text = Invariant($"One email per request: {single.Requests} requests, {Limits(single)}. {Capitalised(packed.Path)}: {packed.Requests} requests, ") +
            Invariant($"{Limits(packed)}, {packed.InputTokensPerEmail:0.0} input tokens an email instead of {single.InputTokensPerEmail:0.0}. ") +
            Invariant($"The batch file: {file.Requests} requests in one upload, every email waiting for the whole file ({file.WallSeconds:0.0} s). ") +
            Invariant($"Per 1,000 emails at the price table's rates: ${single.CostPerThousandEmails:0.0000} one by one, ${packed.CostPerThousandEmails:0.0000} {packed.Path} ({Less(packed, single)}), ") +
            Invariant($"${file.CostPerThousandEmails:0.0000} in the batch file ({Less(file, single)}). ") +
            (unanswered.Count == 0 ? "Every email came back classified." : Invariant($"Not classified: {string.Join(", ", unanswered)}."));
        return Finding.Of("the three ways against the rate limit", text,
            ("singleRequests", single.Requests), ("singleRateLimited", single.RateLimited ?? 0), ("packedRequests", packed.Requests), ("packedRateLimited", packed.RateLimited ?? 0),
            ("singleCostPerThousand", single.CostPerThousandEmails), ("packedCostPerThousand", packed.CostPerThousandEmails), ("batchCostPerThousand", file.CostPerThousandEmails),
            ("unclassified", calls.Sum(c => c.Emails - c.Classified)))
            with { Verdict = single.RateLimited is > 0 ? "one per request met the limit" : "no 429" };
    }

    /// <summary>One email sent once: its subject, the category that came back and the tokens billed.</summary>
    public static Finding DescribeOneCall(string subject, string? answer, long? inputTokens, long? outputTokens)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var text = Invariant($"\"{subject}\" came back as {answer}: {inputTokens} input tokens and {outputTokens} output token{(outputTokens == 1 ? "" : "s")} billed.");
        return Finding.Of("one call to the model", text, ("inputTokens", inputTokens ?? double.NaN), ("outputTokens", outputTokens ?? double.NaN));
    }

    // The paths ModelCallComparison.RunAsync returns: one per request, k per request, one batch file.
    private static void ThreePaths(IReadOnlyList<ModelCallPath> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Count != 3)
        {
            throw new ArgumentException(Invariant($"Give the three paths ModelCallComparison measures (one per request, k per request, one batch file); got {calls.Count}."), nameof(calls));
        }
    }

    private static string Limits(ModelCallPath p) => p.RateLimited is > 0 ? Invariant($"{p.RateLimited} answered 429 and retried ({p.HttpAttempts} HTTP attempts)") : "no 429";

    private static string Less(ModelCallPath p, ModelCallPath baseline) =>
        baseline.CostUsd > 0 ? Invariant($"{1 - p.CostUsd / baseline.CostUsd:P0} less") : "no baseline cost";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
