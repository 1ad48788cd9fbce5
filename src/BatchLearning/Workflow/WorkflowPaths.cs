using System.Globalization;
using BatchLearning.Costs;

namespace BatchLearning.Workflow;

/// <summary>
/// The email workflow's paths side by side: your own model in real time and as a five-minute job, and an LLM in real time and through its provider's
/// batch API. Machine prices come from a dated CPU row of the price table (the lesson's timings were measured on this machine, so they approximate it);
/// the LLM's from the dated API row with the tokens counted by its tokenizer.
/// </summary>
public static class WorkflowPaths
{
    /// <summary>The CPU offer the own-model paths are priced at (a 2-vCPU machine, like the course's reference machine).</summary>
    public const string DefaultMachine = "m7g.large";

    /// <summary>The LLM the provider paths are priced at.</summary>
    public const string DefaultModel = "gpt-4o-mini";

    /// <summary>The four paths, priced from <paramref name="prices"/>.</summary>
    /// <param name="measured">The lesson's measurements.</param>
    /// <param name="prices">The dated price table (<see cref="PriceTable.Default"/> in the course).</param>
    /// <param name="machine">The CPU offer for the own-model paths.</param>
    /// <param name="model">The LLM for the provider paths.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The day classified no email (every line dead-lettered: the job's wait was not measured) or the race timed none; the message names which.
    /// </exception>
    public static IReadOnlyList<WorkflowPath> Compare(WorkflowMeasurements measured, PriceTable prices, string machine = DefaultMachine, string model = DefaultModel)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(prices);
        if (measured.Day.Results.Count == 0)
        {
            throw Guard.OutOfRange("measured.Day.Results.Count", 0, $"1 or more classified emails (all {measured.Day.DeadLetters.Count} lines went to the dead letters, so the batch job's wait was not measured)");
        }

        Guard.InRange(measured.Race.Emails, 1, int.MaxValue, "measured.Race.Emails");
        var cpu = prices.Cpu(machine);
        var job = ScheduledJobCost.Estimate(cpu.AsHourlyPrice(), measured.StartUp.Total, measured.Day.ProcessingPerRun, BillingRule.Ec2PerSecond);
        var workload = measured.Tokens.Workload(measured.EmailsPerDay);
        var llmNow = ApiCostCalculator.Estimate(prices.Api(model), workload, ProcessingMode.RealTime);
        var llmBatch = ApiCostCalculator.Estimate(prices.Api(model), workload, ProcessingMode.Batch);
        var machineNote = string.Create(CultureInfo.InvariantCulture, $"{cpu.Offer} at ${cpu.PerHour}/h ({cpu.Date:yyyy-MM-dd})");
        var perEmail = measured.Race.OneAtATimeMsPerEmail / 1000;
        var day = measured.Day;
        return
        [
            new("own model, real time (each email as it arrives)", 24 * cpu.PerHour, perEmail, perEmail,
                $"{machineNote} up 24 h; wait = one email's classification, measured"),
            new($"own model, batch job every {day.Window.TotalMinutes:0} min", Math.Min(job.StartedPerRunPerDay, job.AlwaysUpPerDay),
                day.WaitQuantile(0.5).TotalSeconds, day.WaitQuantile(0.99).TotalSeconds,
                job.StartPerRunIsCheaper ? $"{machineNote} started {job.RunsPerDay} times a day, billed {job.Billing}" : $"{machineNote} up 24 h (cheaper than a start per run)"),
            new($"LLM ({model}), real time", llmNow.PerDay, double.NaN, double.NaN,
                $"real-time price ({llmNow.PriceDate:yyyy-MM-dd}); wait not measured here (a network round trip per email)"),
            new($"LLM ({model}), provider batch API", llmBatch.PerDay, double.NaN, TimeSpan.FromHours(24).TotalSeconds,
                $"batch price ({llmBatch.PriceDate:yyyy-MM-dd}); results within the published 24 h window"),
        ];
    }
}
