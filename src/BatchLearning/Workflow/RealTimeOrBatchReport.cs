using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Findings;
using BatchLearning.Latency;
using BatchLearning.Prompts;
using BatchLearning.Timing;
using static System.FormattableString;

namespace BatchLearning.Workflow;

/// <summary>
/// Notebook 05's statements about real time against batch, each worded from the run's numbers and the dated price table: where the batch prices
/// come from, the tokens counted, the monthly bill, the own model's price, the break-even volume and the five-minute job's waits.
/// The closing advice is <see cref="RealTimeOrBatchAdvice"/>'s.
/// </summary>
public static class RealTimeOrBatchReport
{
    /// <summary>How many of the table's batch prices the providers publish and which are derived from a stated discount. The verdict: "all published" or "some derived".</summary>
    public static Finding PriceBasis(PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var derived = prices.ApiPrices.Where(p => !p.BatchPriceIsPublished).Select(p => p.Model).ToList();
        var text = Invariant($"Batch prices: {prices.ApiPrices.Count - derived.Count} of {prices.ApiPrices.Count} are published by the provider; ") + (derived.Count == 0
            ? "none is derived."
            : Invariant($"{derived.Count} ({string.Join(", ", derived)}) are derived: the provider's stated batch discount applied to its real-time price, ") +
              "because no per-model batch price was found. A derived price is a computation, not a measurement.");
        return Finding.Of("where the batch prices come from", text, ("models", prices.ApiPrices.Count), ("derived", derived.Count))
            with { Verdict = derived.Count == 0 ? "all published" : "some derived" };
    }

    /// <summary>The tokens counted over a day's emails: the instruction, a mean email, a mean answer.</summary>
    public static Finding Tokens(ClassificationTokens counted, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(counted);
        var text = Invariant($"Counted with {counted.Encoding} over the {counted.Emails:N0} emails of {day:yyyy-MM-dd}: the instruction is {counted.InstructionTokens} tokens, ") +
            Invariant($"an email {counted.MeanEmailTokens:0.0} tokens on average, the answer {counted.MeanAnswerTokens:0.0} tokens.");
        return Finding.Of("tokens counted", text, ("emails", counted.Emails), ("instructionTokens", counted.InstructionTokens),
            ("meanEmailTokens", counted.MeanEmailTokens), ("meanAnswerTokens", counted.MeanAnswerTokens));
    }

    /// <summary>
    /// One model's month in real time against the batch API: both bills, the saving, the batch price's basis and the completion window.
    /// The verdict: "batch cheaper" or "batch not cheaper".
    /// </summary>
    /// <param name="realTime">The model's real-time cost.</param>
    /// <param name="batch">The same model's batch cost.</param>
    /// <param name="price">The model's price row (for its batch price's basis).</param>
    /// <param name="terms">The provider's batch terms (for the completion window).</param>
    public static Finding MonthlyBill(ApiCost realTime, ApiCost batch, ApiPrice price, BatchApiTerms terms)
    {
        ArgumentNullException.ThrowIfNull(realTime);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(price);
        ArgumentNullException.ThrowIfNull(terms);
        var saving = realTime.PerMonth > 0 ? 1 - batch.PerMonth / realTime.PerMonth : 0;
        var text = Invariant($"{realTime.Model}: ${realTime.PerMonth:0.00} a month in real time, ${batch.PerMonth:0.00} through the batch API: ") +
            (saving > 0 ? Invariant($"{saving:P0} less") : "no less") + Invariant($" ({price.BatchPriceBasis} batch price), ") +
            Invariant($"at the price of waiting up to {terms.CompletionWindowHours:0} hours for results (prices read {realTime.PriceDate:yyyy-MM-dd}).");
        return Finding.Of("a month in real time against batch", text,
            ("realTimePerMonth", realTime.PerMonth), ("batchPerMonth", batch.PerMonth), ("saving", saving), ("completionWindowHours", terms.CompletionWindowHours))
            with { Verdict = saving > 0 ? "batch cheaper" : "batch not cheaper" };
    }

    /// <summary>
    /// The own model on a rented CPU machine: a million emails' cost at batch 1's and at the best batch's throughput, what the interleaved race found
    /// end to end, and whether the profile's batch 1 and the race's differ by more than half (the machine was busy). The verdict is the race's.
    /// </summary>
    /// <param name="cpu">The machine's dated price.</param>
    /// <param name="throughput">The profile: end-to-end throughput per batch size, batch 1 among them.</param>
    /// <param name="emailsPerDay">The inbox's volume.</param>
    /// <param name="endToEnd">The interleaved race of one at a time against batches, end to end.</param>
    public static Finding OwnModelPrice(CpuPrice cpu, IReadOnlyList<ClassifierThroughput> throughput, int emailsPerDay, TimingFinding endToEnd)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(throughput);
        ArgumentNullException.ThrowIfNull(endToEnd);
        var one = throughput.FirstOrDefault(t => t.BatchSize == 1) ?? throw Guard.OutOfRange(nameof(throughput), "no batch 1", "a profile that measured batch 1");
        var best = throughput.MaxBy(t => t.ItemsPerSecond)!;
        var machine = cpu.AsHourlyPrice();
        var (atOne, atBest) = (GpuCostCalculator.Estimate(machine, one.ItemsPerSecond, 1.0, emailsPerDay), GpuCostCalculator.Estimate(machine, best.ItemsPerSecond, 1.0, emailsPerDay));
        var raceOnePerSecond = 1000 / endToEnd.Result.FirstMilliseconds;
        var busy = Math.Abs(Math.Log(raceOnePerSecond / one.ItemsPerSecond)) > Math.Log(1.5);
        var text = Invariant($"Priced at {cpu.Offer}, {cpu.Machine}, ${cpu.PerHour:0.0000}/h, read {cpu.Date:yyyy-MM-dd}, kept busy: ") +
            Invariant($"${atOne.PerThousandItems * 1000:0.0000} per million emails at batch 1's throughput in the profile") + (best.BatchSize == 1
                ? ", the highest it measured."
                : Invariant($" and ${atBest.PerThousandItems * 1000:0.0000} at batch {best.BatchSize}'s, the highest it measured.")) + endToEnd.Verdict switch
            {
                HeadToHeadVerdict.TooCloseToCall => " The race above could not tell one at a time from batches apart end to end.",
                HeadToHeadVerdict.SecondFaster => " The race above found batches faster end to end.",
                _ => " The race above found one at a time faster end to end.",
            } + (busy
                ? Invariant($" The profile's batch 1 ({one.ItemsPerSecond:N0}/s) and the race's ({raceOnePerSecond:N0}/s) differ by more than half: the machine was busy, and these prices are only as good as that.")
                : "");
        return Finding.Of("the own model's price", text,
            ("perMillionAtBatchOne", atOne.PerThousandItems * 1000), ("perMillionAtBest", atBest.PerThousandItems * 1000), ("bestBatch", best.BatchSize),
            ("profileBatchOnePerSecond", one.ItemsPerSecond), ("raceOnePerSecond", raceOnePerSecond))
            with { Verdict = endToEnd.Verdict.ToString() };
    }

    /// <summary>Above how many emails a day the machine rented all day costs less than the API in real time. The verdict: "break-even" or "never".</summary>
    public static Finding BreakEven(CpuPrice cpu, double? breakEvenPerDay, int emailsPerDay, string model)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        Guard.NotBlank(model);
        var text = breakEvenPerDay is { } volume
            ? Invariant($"The {cpu.Offer} rented all day (${24 * cpu.PerHour:0.00} a day) costs less than {model} in real time above {volume:N0} emails a day; you have {emailsPerDay:N0}.")
            : "At this throughput the machine cannot process enough emails a day to beat the API.";
        return Finding.Of("renting against paying per request", text, ("perDay", 24 * cpu.PerHour), ("breakEvenPerDay", breakEvenPerDay ?? double.NaN), ("emailsPerDay", emailsPerDay))
            with { Verdict = breakEvenPerDay is null ? "never" : "break-even" };
    }

    /// <summary>
    /// The periodic job's simulated waits against the formulas (mean T/2, p95 0.95 T, batch size rate x T), and real time's p99 and utilisation.
    /// The verdict: "agrees with the formula" when the simulated mean is within 5 % of T/2, "differs from the formula" otherwise.
    /// </summary>
    public static Finding PeriodicAgainstRealTime(SimulationResult periodic, SimulationResult realTime, double periodSeconds, double ratePerSecond)
    {
        ArgumentNullException.ThrowIfNull(periodic);
        ArgumentNullException.ThrowIfNull(realTime);
        Guard.Above(periodSeconds, 0, 1e9);
        Guard.Above(ratePerSecond, 0, 1e9);
        var agrees = Math.Abs(periodic.MeanLatencySeconds / (periodSeconds / 2) - 1) <= 0.05;
        var text = Invariant($"Every {Period(periodSeconds)}: mean wait {periodic.MeanLatencySeconds:0} s (formula {periodSeconds / 2:0} s), ") +
            Invariant($"p95 {periodic.LatencyP95Seconds:0} s (formula {LatencyFormulas.PeriodicFlushWaitQuantile(periodSeconds, 0.95):0} s), {periodic.MeanBatchSize:0.0} emails per batch ") +
            Invariant($"(formula {LatencyFormulas.PeriodicFlushMeanBatchSize(ratePerSecond, periodSeconds):0.0}). One by one as they arrive: p99 {realTime.LatencyP99Seconds * 1000:0.00} ms, ") +
            Invariant($"with the machine busy {realTime.Utilisation:P3} of the time.");
        return Finding.Of("the periodic job against real time", text,
            ("meanWaitSeconds", periodic.MeanLatencySeconds), ("formulaMeanSeconds", periodSeconds / 2), ("p95Seconds", periodic.LatencyP95Seconds),
            ("meanBatchSize", periodic.MeanBatchSize), ("realTimeP99Seconds", realTime.LatencyP99Seconds), ("realTimeUtilisation", realTime.Utilisation))
            with { Verdict = agrees ? "agrees with the formula" : "differs from the formula" };
    }

    /// <summary>The explanation of the p95 wait of a flush every <paramref name="periodSeconds"/>, with the simulated value beside the formula's.</summary>
    public static string ExplainP95(SimulationResult simulated, double periodSeconds)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        Guard.Above(periodSeconds, 0, 1e9);
        return Invariant($"the simulated p95 wait of a flush every {periodSeconds:0} s is {simulated.LatencyP95Seconds:0} s. ") +
            Invariant($"An email's wait is spread evenly between 0 and T, so 95 % of emails wait less than 0.95 T = {LatencyFormulas.PeriodicFlushWaitQuantile(periodSeconds, 0.95):0} s.");
    }

    // "five minutes" for 300 s, "10 minutes" for 600 s, "90 s" otherwise.
    private static string Period(double seconds) => seconds == 300 ? "five minutes"
        : seconds % 60 == 0 ? Invariant($"{seconds / 60:0} minutes") : Invariant($"{seconds:0} s");
}
