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
        if (calls.Count != 3)
        {
            throw new ArgumentException(Invariant($"Give the three paths ModelCallComparison measures (one per request, k per request, one batch file); got {calls.Count}."), nameof(calls));
        }

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
}
