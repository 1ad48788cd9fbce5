using BatchLearning.Timing;

namespace BatchLearning.Workflow;

/// <summary>
/// The first lesson's race (<see cref="ArrivalRace"/>): each part timed one at a time (the first way) against in batches (the second way),
/// in milliseconds per email. <see cref="ArrivalRaceFindings"/> turns each part into a finding.
/// </summary>
/// <param name="Emails">Emails classified each way in every round.</param>
/// <param name="BatchSize">Emails per batched forward pass.</param>
/// <param name="Featurize">Turning the emails' text into features: one email per call against one batch per call (one libtorch thread).</param>
/// <param name="Model">The model alone on features made beforehand (one libtorch thread).</param>
/// <param name="EndToEnd">Text to category, both parts together (one libtorch thread).</param>
/// <param name="ModelOnUsualThreads">The model alone again, on libtorch's usual thread count for this machine.</param>
/// <param name="SameCategories">Whether both ways gave every email the same category.</param>
public sealed record ArrivalRaceResult(
    int Emails,
    int BatchSize,
    HeadToHeadResult Featurize,
    HeadToHeadResult Model,
    HeadToHeadResult EndToEnd,
    HeadToHeadResult ModelOnUsualThreads,
    bool SameCategories)
{
    /// <summary>Milliseconds per email end to end, one at a time (median round): also the latency of one email classified the moment it arrives.</summary>
    public double OneAtATimeMsPerEmail => EndToEnd.FirstMilliseconds;

    /// <summary>Milliseconds per email end to end, in batches (median round).</summary>
    public double InBatchesMsPerEmail => EndToEnd.SecondMilliseconds;
}
