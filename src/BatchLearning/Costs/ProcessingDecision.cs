using System.Globalization;

namespace BatchLearning.Costs;

/// <summary>The processing suggested for one task and why.</summary>
/// <param name="Task">The task, for example "nightly report".</param>
/// <param name="LatencyBudget">How late a result may be.</param>
/// <param name="Choice">The suggested processing.</param>
/// <param name="FlushPeriod">For <see cref="ProcessingChoice.PeriodicBatch"/>: the longest period whose p99 wait (0.99 T) fits the budget.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record ProcessingDecision(string Task, TimeSpan LatencyBudget, ProcessingChoice Choice, TimeSpan? FlushPeriod, string Reason)
{
    /// <summary>
    /// Suggests processing from the latency budget: the batch API when the budget covers its completion window; a periodic
    /// batch when it covers at least <paramref name="shortestPeriod"/> (p99 wait of a flush every T is 0.99 T); else real time.
    /// </summary>
    /// <param name="task">The task's name.</param>
    /// <param name="latencyBudget">How late a result may be; more than zero.</param>
    /// <param name="terms">The batch API's terms (its completion window, more than 0 hours).</param>
    /// <param name="shortestPeriod">The shortest flush period worth scheduling, more than zero; defaults to one minute.</param>
    /// <exception cref="ArgumentOutOfRangeException">The budget or the shortest period is not above zero, or the terms are out of range (the message names the field).</exception>
    public static ProcessingDecision Decide(string task, TimeSpan latencyBudget, BatchApiTerms terms, TimeSpan? shortestPeriod = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentNullException.ThrowIfNull(terms);
        terms.Validated();
        if (latencyBudget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(latencyBudget), latencyBudget, "latencyBudget must be more than zero.");
        }

        if (shortestPeriod is { } givenPeriod && givenPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(shortestPeriod), shortestPeriod, $"shortestPeriod must be more than zero (or null for one minute); got {givenPeriod}.");
        }

        var window = TimeSpan.FromHours(terms.CompletionWindowHours);
        if (latencyBudget >= window)
        {
            return new(task, latencyBudget, ProcessingChoice.BatchApi, null,
                $"the budget covers {terms.Provider}'s {terms.CompletionWindowHours:0} h completion window, so the {terms.DiscountPercent:0}% batch discount is free to take");
        }

        var period = latencyBudget / 0.99;
        var shortest = shortestPeriod ?? TimeSpan.FromMinutes(1);
        if (period >= shortest)
        {
            return new(task, latencyBudget, ProcessingChoice.PeriodicBatch, period,
                $"a flush every {period.TotalMinutes:0.#} min keeps the p99 wait (0.99 T) within the budget and processes whole batches at once");
        }

        return new(task, latencyBudget, ProcessingChoice.RealTime, null,
            $"the budget is shorter than the shortest flush period ({shortest.TotalMinutes:0.#} min): answer each request as it arrives");
    }

    /// <summary>The choice in words: "a provider's batch API", "a periodic batch, a flush every 5 min at most" or "real time".</summary>
    public string DescribeChoice() => Choice switch
    {
        ProcessingChoice.BatchApi => "a provider's batch API",
        ProcessingChoice.PeriodicBatch => string.Create(CultureInfo.InvariantCulture,
            $"a periodic batch, a flush every {(FlushPeriod ?? TimeSpan.Zero).TotalMinutes:0.#} min at most"),
        _ => "real time",
    };
}
