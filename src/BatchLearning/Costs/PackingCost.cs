using BatchLearning.Findings;
using BatchLearning.Charts;
using BatchLearning.Prompts;
using static System.FormattableString;

namespace BatchLearning.Costs;

/// <summary>
/// Fewer, fuller requests: the cost per email when k emails share one request (the fixed instruction paid once per k),
/// at real-time and batch prices, against one email per request in real time.
/// </summary>
public static class PackingCost
{
    /// <summary>Cost per 1,000 emails at each measured k.</summary>
    /// <param name="price">The model's price (its batch basis says whether the batch price is published or derived).</param>
    /// <param name="tokens">Measured tokens per email for each k (<see cref="PackedClassificationPrompt.MeasureTokens"/>); one of them must be k = 1, the reference.</param>
    /// <exception cref="ArgumentException">No k = 1 among the measurements.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is negative or not finite.</exception>
    public static IReadOnlyList<PackingCostPoint> Compare(ApiPrice price, IReadOnlyList<PackedTokens> tokens)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentNullException.ThrowIfNull(tokens);
        price.Validated();
        var single = tokens.FirstOrDefault(t => t.ItemsPerRequest == 1)
                     ?? throw new ArgumentException($"The measurements need k = 1 (one email per request) as the reference; got k = {string.Join(", ", tokens.Select(t => t.ItemsPerRequest))}.", nameof(tokens));
        var reference = PerThousand(single, price.InputPerMillion, price.OutputPerMillion);
        return tokens.OrderBy(t => t.ItemsPerRequest).Select(t =>
        {
            var realTime = PerThousand(t, price.InputPerMillion, price.OutputPerMillion);
            var batch = PerThousand(t, price.BatchInputPerMillion, price.BatchOutputPerMillion);
            return new PackingCostPoint(t.ItemsPerRequest, t.InputTokensPerEmail, t.OutputTokensPerEmail, realTime, batch,
                reference > 0 ? 1 - realTime / reference : 0, reference > 0 ? 1 - batch / reference : 0);
        }).ToList();
    }

    /// <summary>The smallest k whose batch cost is at least 50 % below one email per request in real time; null when none is.</summary>
    public static PackingCostPoint? FirstPastHalf(this IReadOnlyList<PackingCostPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.OrderBy(p => p.ItemsPerRequest).FirstOrDefault(p => p.BatchSaving > 0.5 + 1e-9);
    }

    /// <summary>
    /// Packing in words, its saving kept apart from the batch API's: what packing alone saves in real time at the best k, what the batch API alone saves,
    /// what they save together, and whether together they pass 50 % below one email per request in real time (from which k), or why not.
    /// </summary>
    /// <param name="points">From <see cref="Compare"/>, with k = 1.</param>
    /// <param name="instructionTokens">The instruction's tokens (<see cref="PackedTokens.InstructionTokens"/>).</param>
    /// <param name="examples">Labelled examples in the instruction, from 0.</param>
    /// <param name="price">The model's price, for the ratio of an output token's price to an input token's.</param>
    /// <returns>The finding; its verdict "together past 50 %" or "together not past 50 %".</returns>
    /// <exception cref="ArgumentException">No k = 1 among the points.</exception>
    public static Finding Describe(IReadOnlyList<PackingCostPoint> points, int instructionTokens, int examples, ApiPrice price)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(price);
        Guard.InRange(examples, 0, 1_000_000);
        Guard.InRange(instructionTokens, 0, PackedTokens.MostTokens);
        var one = points.FirstOrDefault(p => p.ItemsPerRequest == 1) ?? throw new ArgumentException("The points need k = 1, the reference.", nameof(points));
        var best = points.MaxBy(p => p.BatchSaving)!;
        var first = points.FirstPastHalf();
        var packs = best.ItemsPerRequest > 1 && best.RealTimeSaving > 0;
        var alone = packs
            ? Invariant($"On its own, in real time, packing {best.ItemsPerRequest} emails per request saves {best.RealTimeSaving:P1}")
            : "On its own, in real time, packing saves nothing here (no k above 1 costs less than one email per request)";
        var tokens = Invariant($"With {examples} example{(examples == 1 ? "" : "s")} the instruction is {instructionTokens:N0} tokens; one email per request needs {one.InputTokensPerEmail:0} input tokens per email")
            + (best.ItemsPerRequest == 1 ? ". " : Invariant($", {best.ItemsPerRequest} per request {best.InputTokensPerEmail:0} (and {best.OutputTokensPerEmail:0.0} output tokens instead of {one.OutputTokensPerEmail:0.0}: the numbered answer is longer). "));
        var together = Invariant($"{alone}; the batch API alone saves {one.BatchSaving:P1}; together {best.BatchSaving:P1} at k = {best.ItemsPerRequest}. ");
        var outputPrice = price.InputPerMillion > 0 ? Invariant($", and an output token costs {price.OutputPerMillion / price.InputPerMillion:0.#}x an input token") : "";
        var verdict = first is not null
            ? Invariant($"Together they pass 50 % from k = {first.ItemsPerRequest} ({first.BatchSaving:P1}): the batch discount's \"or more\" comes from packing, not from the batch API. ")
            : $"Together they do not pass 50 %: the instruction is too short for packing to share much{outputPrice}. ";
        var text = tokens + together + verdict
            + Invariant($"${one.RealTimePerThousandEmails * 1000:0.00} per million emails in real time one by one, ${best.BatchPerThousandEmails * 1000:0.00} in batch {best.ItemsPerRequest} at a time.");
        return Finding.Of("packing against the batch discount", text, ("examples", examples), ("instructionTokens", instructionTokens), ("bestItemsPerRequest", best.ItemsPerRequest),
            ("packingAloneSaving", best.RealTimeSaving), ("batchAloneSaving", one.BatchSaving), ("togetherSaving", best.BatchSaving),
            ("firstPastHalfItemsPerRequest", first?.ItemsPerRequest ?? double.NaN))
            with { Verdict = first is not null ? "together past 50 %" : "together not past 50 %" };
    }

    /// <summary>Cost per 1,000 emails against emails per request (log scale), real time and batch.</summary>
    public static Chart ToChart(this IReadOnlyList<PackingCostPoint> points, string model)
    {
        ArgumentNullException.ThrowIfNull(points);
        var x = points.Select(p => (double)p.ItemsPerRequest).ToList();
        return new Chart($"{model}: cost per 1,000 emails against emails per request", new Axis("emails per request (k)", Logarithmic: true), new Axis("US dollars per 1,000 emails"),
        [
            new ChartSeries("real time", x, points.Select(p => p.RealTimePerThousandEmails).ToList(), SeriesStyle.LinesAndMarkers),
            new ChartSeries("batch API", x, points.Select(p => p.BatchPerThousandEmails).ToList(), SeriesStyle.LinesAndMarkers),
        ]);
    }

    private static double PerThousand(PackedTokens t, double inputPerMillion, double outputPerMillion) =>
        1000 * (t.InputTokensPerEmail * inputPerMillion + t.OutputTokensPerEmail * outputPerMillion) / 1_000_000;
}
