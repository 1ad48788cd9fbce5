namespace BatchLearning.Generation;

/// <summary>One forward pass of a <see cref="GenerationScheduler"/> run.</summary>
/// <param name="Index">The step's number, from 0.</param>
/// <param name="StartSeconds">When the scheduler began deciding it.</param>
/// <param name="Seconds">How long it took, deciding and computing (measured, or the cost model's time on a modeled clock).</param>
/// <param name="DecodeSequences">Sequences in the decode pass, padding included (a finished sequence still in a static batch).</param>
/// <param name="UsefulDecodeSequences">Those of them still generating.</param>
/// <param name="PrefillSequences">Requests admitted in this step, whose prompts were processed and first token generated.</param>
/// <param name="PromptTokens">Their prompt tokens.</param>
/// <param name="PaddedPromptTokens">Their prompt tokens padded to the longest: prefill sequences x longest prompt.</param>
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
    /// <summary>Sequences that produced a token someone wants: useful decodes plus new prefills.</summary>
    public int UsefulSequences => UsefulDecodeSequences + PrefillSequences;
}
