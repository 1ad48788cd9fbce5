using BatchLearning.Charts;
using BatchLearning.Prompts;

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
