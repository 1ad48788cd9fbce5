using BatchLearning.Costs;
using BatchLearning.Findings;
using BatchLearning.Latency;
using static System.FormattableString;

namespace BatchLearning.Workflow;

/// <summary>Everything notebook 05 measured and priced, for its closing advice (<see cref="Advice"/>), each bullet worded from these numbers.</summary>
/// <param name="Triage">The processing decided for email triage.</param>
/// <param name="Terms">The batch API's terms (its completion window).</param>
/// <param name="EmailsPerDay">The inbox's volume.</param>
/// <param name="RealTime">The model's monthly cost in real time.</param>
/// <param name="Batch">The same model's monthly cost through the batch API.</param>
/// <param name="Packing">The batch saving at each number of emails per request, at least one.</param>
/// <param name="InstructionTokens">The instruction's tokens in the packing comparison.</param>
/// <param name="Cpu">The rented machine the own model was priced on.</param>
/// <param name="BreakEvenPerDay">Emails a day above which the machine costs less than the API, or null when it never does.</param>
/// <param name="Periodic">The periodic job's simulated waits.</param>
/// <param name="OneByOne">Real time's simulated waits.</param>
public sealed record RealTimeOrBatchAdvice(
    ProcessingDecision Triage, BatchApiTerms Terms, int EmailsPerDay, ApiCost RealTime, ApiCost Batch, IReadOnlyList<PackingCostPoint> Packing,
    int InstructionTokens, CpuPrice Cpu, double? BreakEvenPerDay, SimulationResult Periodic, SimulationResult OneByOne)
{
    /// <summary>Six bullets: the latency budget decides, the batch API for what may wait, packing, own model or API, the period T, notebook 06.</summary>
    public Finding Advice()
    {
        ArgumentNullException.ThrowIfNull(Packing);
        Guard.InRange(Packing.Count, 1, 10_000, nameof(Packing) + ".Count");
        var saving = RealTime.PerMonth > 0 ? 1 - Batch.PerMonth / RealTime.PerMonth : 0;
        string[] bullets =
        [
            Invariant($"• Write each task's latency budget down first: it decides the processing. Email triage with a {Triage.LatencyBudget.TotalMinutes:0}-minute budget gets {Triage.DescribeChoice()}."),
            Invariant($"• Whatever may wait {Terms.CompletionWindowHours:0} hours goes through the batch API: at {EmailsPerDay:N0} emails a day, {RealTime.Model} cost ${RealTime.PerMonth:0.00} a month ") +
                Invariant($"in real time and ${Batch.PerMonth:0.00} in batch ({saving:P0} less; prices read {RealTime.PriceDate:yyyy-MM-dd}: check them before you decide)."),
            PackingAdvice(),
            CostAdvice(),
            Invariant($"• The periodic batch made an email wait {Periodic.MeanLatencySeconds:0} s on average and {Periodic.LatencyP99Seconds:0} s at the p99 (T/2 and 0.99 T); ") +
                Invariant($"one by one the p99 was {OneByOne.LatencyP99Seconds * 1000:0.00} ms. Pick the longest period T whose 0.99 T your users accept."),
            "• Notebook 06 runs this workflow for real: a checkpoint, bad input set aside, a provider batch, a worker service.",
        ];
        return Finding.Of("what to do: real time or batch", string.Join("\n", bullets),
            ("batchSaving", saving), ("bestPackingSaving", Packing.Max(p => p.BatchSaving)), ("breakEvenPerDay", BreakEvenPerDay ?? double.NaN),
            ("periodicMeanWaitSeconds", Periodic.MeanLatencySeconds), ("periodicP99Seconds", Periodic.LatencyP99Seconds))
            with { Verdict = Triage.Choice.ToString() };
    }

    private string PackingAdvice()
    {
        var pastHalf = Packing.FirstPastHalf();
        var best = Packing.MaxBy(p => p.BatchSaving)!;
        return pastHalf is { } packed
            ? Invariant($"• With this instruction ({InstructionTokens} tokens), put several emails in one request: {packed.ItemsPerRequest} per request took the batch saving to ") +
              Invariant($"{packed.BatchSaving:P0}. Parse every answer and resend the whole request when one is malformed.")
            : Invariant($"• Packing several emails per request did not take the saving past 50 % here (best {best.BatchSaving:P0} at {best.ItemsPerRequest} per request): ") +
              "keep one email per request unless your instruction is long.";
    }

    private string CostAdvice() => BreakEvenPerDay is not { } evenAt
        ? "• At the throughput measured here a rented machine could not process enough emails to beat the API."
        : EmailsPerDay >= evenAt
        ? Invariant($"• At {EmailsPerDay:N0} emails a day your own small classifier on a rented {Cpu.Offer} costs less than {RealTime.Model} in real time ") +
          Invariant($"(break-even {evenAt:N0} a day), if it is accurate enough for the task.")
        : Invariant($"• Below {evenAt:N0} emails a day (you have {EmailsPerDay:N0}) paying per request costs less than renting the {Cpu.Offer} all day; ") +
          "above it, your own model wins if it is accurate enough.";
}
