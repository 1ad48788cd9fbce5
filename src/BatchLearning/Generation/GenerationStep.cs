namespace BatchLearning.Generation;

/// <summary>One forward pass of a <see cref="GenerationScheduler"/> run.</summary>
/// <param name="Index">The step's number, from 0.</param>
/// <param name="StartSeconds">When the scheduler began deciding it.</param>
/// <param name="Seconds">How long it took, deciding and computing (measured, or the cost model's time on a modeled clock).</param>
/// <param name="DecodeSequences">Sequences in the decode pass, padding included (a finished sequence still in a static batch).</param>
/// <param name="UsefulDecodeSequences">Those of them still generating.</param>
/// <param name="PrefillSequences">Sequences that finished reading their prompt in this step (a new request, or one recomputed after a preemption) and generated a token.</param>
/// <param name="PromptTokens">The prompt tokens read in this step (whole prompts, chunks of long ones, and recomputed tokens).</param>
/// <param name="PaddedPromptTokens">Those tokens padded to the longest read in each prefill pass: sequences x longest chunk.</param>
/// <param name="SchedulerSeconds">Measured wall time of the scheduler's own work (admitting, retiring, bookkeeping).</param>
/// <param name="EngineSeconds">Measured wall time of the model's passes.</param>
/// <param name="SlotRequests">For each slot, the id of the request generating in it, or -1 when it is idle or holds a finished sequence (padding).</param>
public sealed record GenerationStep(
    int Index,
    double StartSeconds,
    double Seconds,
    int DecodeSequences,
    int UsefulDecodeSequences,
    int PrefillSequences,
    int PromptTokens,
    int PaddedPromptTokens,
    double SchedulerSeconds,
    double EngineSeconds,
    IReadOnlyList<int> SlotRequests)
{
    /// <summary>Running sequences preempted before this step (their state dropped, to be recomputed): continuous batching with a cache budget.</summary>
    public int PreemptedSequences { get; init; }

    /// <summary>Tokens read again in this step by sequences resumed after a preemption (their prompt and the tokens they had generated); part of <see cref="PromptTokens"/>.</summary>
    public int RecomputedTokens { get; init; }

    /// <summary>Cache entries (tokens read) the running sequences held at the end of this step, before the finished ones left.</summary>
    public int CachedTokens { get; init; }

    /// <summary>Measured wall time of this step's recompute pass (0 when none ran).</summary>
    public double RecomputeSeconds { get; init; }

    /// <summary>Sequences that produced a token someone wants: useful decodes plus new prefills.</summary>
    public int UsefulSequences => UsefulDecodeSequences + PrefillSequences;
}
