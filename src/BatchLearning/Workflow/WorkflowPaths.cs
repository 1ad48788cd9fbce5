using System.Globalization;
using BatchLearning.Costs;
using BatchLearning.Serving;

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

    /// <summary>
    /// Notebook 06's three paths, priced from <paramref name="cpu"/> and the LLM's batch cost: the own model in real time behind the dynamic batcher
    /// (the machine up all day, the latency of the load test), the five-minute job (the cheaper of a machine kept up and one started per run, with the
    /// job's measured waits), and the LLM through its provider's batch API (results within the published 24 h).
    /// </summary>
    /// <param name="cpu">The dated CPU offer the own model runs on.</param>
    /// <param name="realTime">The replay through the dynamic batcher.</param>
    /// <param name="waits">The five-minute job's waits.</param>
    /// <param name="job">The job's day on <paramref name="cpu"/>, both ways.</param>
    /// <param name="llmBatch">The LLM's day at its batch price.</param>
    /// <param name="tokensPerEmail">Input tokens per email the LLM's cost was counted with.</param>
    public static IReadOnlyList<WorkflowPath> ForService(CpuPrice cpu, LoadTestResult realTime, JobWaits waits, ScheduledJobCost job, ApiCost llmBatch, double tokensPerEmail)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(realTime);
        ArgumentNullException.ThrowIfNull(waits);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(llmBatch);
        var machineNote = string.Create(CultureInfo.InvariantCulture, $"{cpu.Offer} at ${cpu.PerHour}/h ({cpu.Date:yyyy-MM-dd})");
        var served = realTime.Metrics;
        return
        [
            new("1. real time, dynamic batcher (own model)", 24 * cpu.PerHour, served.LatencyP50Ms / 1000, served.LatencyP99Ms / 1000,
                string.Create(CultureInfo.InvariantCulture, $"{machineNote} up 24 h; latency measured at {realTime.Options.RatePerSecond:0.##}/s")),
            new(string.Create(CultureInfo.InvariantCulture, $"2. {waits.WindowSeconds / 60:0.##}-minute batch job (own model)"), Math.Min(job.StartedPerRunPerDay, job.AlwaysUpPerDay),
                waits.P50Seconds, waits.P99Seconds,
                job.StartPerRunIsCheaper ? $"{machineNote} started {job.RunsPerDay} times a day, billed {job.Billing}" : $"{machineNote} kept up 24 h (cheaper than a start per run)"),
            new($"3. LLM Batch API ({llmBatch.Model})", llmBatch.PerDay, double.NaN, TimeSpan.FromHours(24).TotalSeconds,
                string.Create(CultureInfo.InvariantCulture, $"batch price ({llmBatch.PriceDate:yyyy-MM-dd}), {tokensPerEmail:0} input tokens/email (o200k_base); results within the published 24 h")),
        ];
    }
}
