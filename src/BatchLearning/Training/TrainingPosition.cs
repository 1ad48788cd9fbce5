namespace BatchLearning.Training;

/// <summary>
/// Where a run is: the epoch in progress, batches done in it, updates so far, training time, and every record.
/// The trainer advances it; checkpoints save it.
/// </summary>
internal sealed class TrainingPosition
{
    /// <summary>The epoch in progress, from 1.</summary>
    public int Epoch { get; set; } = 1;

    /// <summary>Batches of <see cref="Epoch"/> already trained on.</summary>
    public int BatchesDone { get; set; }

    /// <summary>Updates made since the start of the run.</summary>
    public int Update { get; set; }

    /// <summary>Training time since the start of the run.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>Training time of <see cref="Epoch"/> so far.</summary>
    public double EpochSeconds { get; set; }

    /// <summary>Samples of <see cref="Epoch"/> trained on so far.</summary>
    public long EpochSamples { get; set; }

    /// <summary>Updates in one full epoch.</summary>
    public int UpdatesPerEpoch { get; set; }

    /// <summary>One record per update.</summary>
    public List<UpdateRecord> Updates { get; set; } = [];

    /// <summary>One record per end of epoch.</summary>
    public List<EpochRecord> Epochs { get; set; } = [];

    /// <summary>Every evaluation: ends of epochs and, when asked, every few updates.</summary>
    public List<EvaluationRecord> Evaluations { get; set; } = [];

    /// <summary>Two-batch gradient measurements, when asked.</summary>
    public List<Gradients.NoiseScaleSample> NoiseScaleSamples { get; set; } = [];

    /// <summary>The records so far as a run.</summary>
    public TrainingRun ToRun(TrainingOptions options) => new(options.RunName, options, Updates.ToList(), Epochs.ToList(), UpdatesPerEpoch)
    {
        Evaluations = Evaluations.ToList(),
        NoiseScaleSamples = NoiseScaleSamples.ToList(),
    };
}
