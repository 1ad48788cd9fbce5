using BatchLearning.Prompts;

namespace BatchLearning.Workflow;

/// <summary>What the first lesson measured, to be priced by <see cref="WorkflowPaths.Compare"/>.</summary>
/// <param name="Race">One at a time against batches: the real-time path's latency per email.</param>
/// <param name="Day">The day through the five-minute job: its waits and its processing per run.</param>
/// <param name="StartUp">What a run pays to start when its machine is started for it.</param>
/// <param name="Tokens">The classification prompt's tokens, counted with the LLM's own tokenizer.</param>
public sealed record WorkflowMeasurements(ArrivalRaceResult Race, InboxDayResult Day, JobStartUp StartUp, ClassificationTokens Tokens)
{
    /// <summary>Emails in the day.</summary>
    public int EmailsPerDay => Day.Results.Count + Day.DeadLetters.Count;
}
