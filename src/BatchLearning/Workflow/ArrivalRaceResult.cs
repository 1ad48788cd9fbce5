namespace BatchLearning.Workflow;

/// <summary>How long the same emails took one at a time and in batches: turning their text into features, then the model.</summary>
/// <param name="Emails">Emails classified each way.</param>
/// <param name="BatchSize">Emails per batched forward pass.</param>
/// <param name="Featurize">Turning all of them into feature tensors (the same work either way).</param>
/// <param name="ModelOneAtATime">The model, one forward pass per email (median round).</param>
/// <param name="ModelInBatches">The model, one forward pass per batch (median round).</param>
/// <param name="SameCategories">Whether both ways gave every email the same category.</param>
public sealed record ArrivalRaceResult(int Emails, int BatchSize, TimeSpan Featurize, TimeSpan ModelOneAtATime, TimeSpan ModelInBatches, bool SameCategories)
{
    /// <summary>Milliseconds per email to turn its text into features.</summary>
    public double FeaturizeMsPerEmail => Featurize.TotalMilliseconds / Emails;

    /// <summary>Milliseconds per email of the model alone, one at a time.</summary>
    public double ModelOneAtATimeMsPerEmail => ModelOneAtATime.TotalMilliseconds / Emails;

    /// <summary>Milliseconds per email of the model alone, in batches.</summary>
    public double ModelInBatchesMsPerEmail => ModelInBatches.TotalMilliseconds / Emails;

    /// <summary>How many times less time per email the model took in batches.</summary>
    public double ModelSpeedUp => ModelOneAtATime / ModelInBatches;

    /// <summary>Milliseconds per email end to end, one at a time: also the latency of one email classified the moment it arrives.</summary>
    public double OneAtATimeMsPerEmail => FeaturizeMsPerEmail + ModelOneAtATimeMsPerEmail;

    /// <summary>Milliseconds per email end to end, in batches.</summary>
    public double InBatchesMsPerEmail => FeaturizeMsPerEmail + ModelInBatchesMsPerEmail;

    /// <summary>How many times less time per email the whole classification took in batches.</summary>
    public double SpeedUp => OneAtATimeMsPerEmail / InBatchesMsPerEmail;
}
