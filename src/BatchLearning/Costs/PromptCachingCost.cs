using BatchLearning.Prompts;
using static System.FormattableString;

namespace BatchLearning.Costs;

/// <summary>
/// What prompt caching changes in the cost of a classification request, by each provider's published rules (<see cref="PromptCachingTerms"/>):
/// the fixed instruction is cached only from the provider's minimum length, a cached token costs a fraction of an input token, and the batch discount
/// stacks with the cache discount, replaces it or excludes it depending on the provider.
/// </summary>
/// <remarks>
/// Priced in the steady state of a busy workload: requests come often enough that the cache stays warm, so every request reads its instruction from it.
/// The write that fills the cache once per lifetime (minutes to an hour) is left out; at the course's 20,000 emails a day it is one request in hundreds.
/// </remarks>
public static class PromptCachingCost
{
    /// <summary>The cost of 1,000 requests of one email each, with and without caching, for one model.</summary>
    /// <param name="price">The model's API price.</param>
    /// <param name="caching">The model's caching rules.</param>
    /// <param name="tokens">Measured tokens of requests of one email each (k = 1): the instruction, the email, the answer.</param>
    /// <exception cref="ArgumentException">The tokens are not of one email per request, or the price and the rules are of different models.</exception>
    public static PromptCachingPoint For(ApiPrice price, PromptCachingTerms caching, PackedTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentNullException.ThrowIfNull(caching);
        ArgumentNullException.ThrowIfNull(tokens);
        price.Validated();
        if (tokens.ItemsPerRequest != 1)
        {
            throw new ArgumentException($"Caching is priced on requests of one email each (k = 1); got k = {tokens.ItemsPerRequest}.", nameof(tokens));
        }

        if (!string.Equals(price.Model, caching.Model, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The price is of {price.Model} and the caching rules of {caching.Model}: give both of one model.", nameof(caching));
        }

        var instruction = tokens.InstructionTokens;
        var rest = Math.Max(0, tokens.InputTokensPerEmail - instruction);
        var output = tokens.OutputTokensPerEmail;
        double PerThousand(double instructionRate, double restRate, double outputRate) => 1000 * (instruction * instructionRate + rest * restRate + output * outputRate) / 1_000_000;
        var cached = instruction >= caching.MinimumPromptTokens;
        var realTime = PerThousand(price.InputPerMillion, price.InputPerMillion, price.OutputPerMillion);
        var batch = PerThousand(price.BatchInputPerMillion, price.BatchInputPerMillion, price.BatchOutputPerMillion);
        var batchCachedRate = caching.WithBatch switch
        {
            CachingWithBatch.Stacks => price.InputPerMillion > 0 ? caching.CachedInputPerMillion * price.BatchInputPerMillion / price.InputPerMillion : 0,
            CachingWithBatch.Replaces => caching.CachedInputPerMillion,
            _ => price.BatchInputPerMillion,
        };
        return new PromptCachingPoint(price.Model, instruction, caching.MinimumPromptTokens, cached, caching.WithBatch,
            realTime, cached ? PerThousand(caching.CachedInputPerMillion, price.InputPerMillion, price.OutputPerMillion) : realTime,
            batch, cached ? PerThousand(batchCachedRate, price.BatchInputPerMillion, price.BatchOutputPerMillion) : batch);
    }

    /// <summary>Every model in <paramref name="models"/> against every measured instruction, in that order (instruction by instruction).</summary>
    /// <param name="prices">The price table with the models' API prices and caching rules.</param>
    /// <param name="instructions">Measured tokens of requests of one email each, one per instruction (for example a short one and one with examples).</param>
    /// <param name="models">Models in both tables.</param>
    /// <exception cref="ArgumentException">A model is missing from a table (the message lists those in it), or no model or instruction was given.</exception>
    public static IReadOnlyList<PromptCachingPoint> Compare(PriceTable prices, IReadOnlyList<PackedTokens> instructions, params string[] models)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(instructions);
        ArgumentNullException.ThrowIfNull(models);
        if (models.Length == 0 || instructions.Count == 0)
        {
            throw new ArgumentException("Give at least one model and one measured instruction.", models.Length == 0 ? nameof(models) : nameof(instructions));
        }

        return [.. instructions.SelectMany(tokens => models.Select(model => For(prices.Api(model), prices.Caching(model), tokens)))];
    }

    /// <summary>
    /// The comparison in words, one line per instruction: which models cache it (and the minimum each needs), what caching saves in real time, what the
    /// batch API saves with it by each provider's rule, and whether the cheapest way passes 50 % below real time.
    /// </summary>
    /// <param name="points">From <see cref="Compare"/>.</param>
    public static string Describe(IReadOnlyList<PromptCachingPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return string.Join("\n", points.GroupBy(p => p.InstructionTokens).Select(group => DescribeInstruction(group.Key, [.. group])));
    }

    private static string DescribeInstruction(int instructionTokens, IReadOnlyList<PromptCachingPoint> points)
    {
        var cached = points.Where(p => p.Cached).ToList();
        var missed = points.Where(p => !p.Cached).ToList();
        var head = Invariant($"An instruction of {instructionTokens:N0} tokens: ");
        if (cached.Count == 0)
        {
            return head + "no model here caches it, since each caches only prompts from its minimum ("
                + string.Join(", ", missed.Select(p => Invariant($"{p.Model} {p.MinimumPromptTokens:N0} tokens"))) + "); caching saves nothing, and the batch API's discount is the whole saving ("
                + string.Join(", ", points.Select(p => Invariant($"{p.Model} {Saving(p.RealTimePerThousand, p.BatchPerThousand)}"))) + ").";
        }

        var text = head + string.Join("; ", cached.Select(p =>
            Invariant($"{p.Model} caches it (from {p.MinimumPromptTokens:N0} tokens), {Saving(p.RealTimePerThousand, p.RealTimeCachedPerThousand)} in real time, ")
            + Invariant($"{Saving(p.RealTimePerThousand, p.BatchCachedPerThousand)} through the batch API with caching ({Rule(p.WithBatch)})")
            + (p.RealTimeCachedIsCheaper ? ", so real time with caching is the cheaper way" : "")));
        if (missed.Count > 0)
        {
            text += "; too short for " + string.Join(", ", missed.Select(p => Invariant($"{p.Model} (from {p.MinimumPromptTokens:N0})")));
        }

        var past = points.Where(p => p.BestSaving > 0.5 + 1e-9).Select(p => p.Model).ToList();
        return text + (past.Count == 0
            ? ". No model's cheapest way passes 50 % below real time."
            : $". Past 50 % below real time: {string.Join(", ", past)}.");
    }

    private static string Saving(double reference, double cost) =>
        reference > 0 && cost < reference ? Invariant($"{1 - cost / reference:P0} less") : "no saving";

    private static string Rule(CachingWithBatch rule) => rule switch
    {
        CachingWithBatch.Stacks => "the discounts stack",
        CachingWithBatch.Replaces => "the cache discount replaces the batch one on cached tokens",
        _ => "no cache discount in a batch",
    };
}
