using System.Text.Json.Serialization;

namespace BatchLearning.Training;

/// <summary>
/// Where a run is: the epoch in progress, batches done in it, updates so far, training time, and every record.
/// Only its own methods advance it (an update, an evaluation, the end of an epoch); checkpoints save it.
/// </summary>
internal sealed class TrainingPosition
{
    /// <summary>The epoch in progress, from 1.</summary>
    [JsonInclude]
    public int Epoch { get; private set; } = 1;

    /// <summary>Batches of <see cref="Epoch"/> already trained on.</summary>
    [JsonInclude]
    public int BatchesDone { get; private set; }

    /// <summary>Updates made since the start of the run.</summary>
    [JsonInclude]
    public int Update { get; private set; }

    /// <summary>Training time since the start of the run.</summary>
    [JsonInclude]
    public double ElapsedSeconds { get; private set; }

    /// <summary>Training time of <see cref="Epoch"/> so far.</summary>
    [JsonInclude]
    public double EpochSeconds { get; private set; }

    /// <summary>Samples of <see cref="Epoch"/> trained on so far.</summary>
    [JsonInclude]
    public long EpochSamples { get; private set; }

    /// <summary>Updates in one full epoch.</summary>
    [JsonInclude]
    public int UpdatesPerEpoch { get; private set; }

    /// <summary>One record per update.</summary>
    [JsonInclude]
    public List<UpdateRecord> Updates { get; private set; } = [];

    /// <summary>One record per end of epoch.</summary>
    [JsonInclude]
    public List<EpochRecord> Epochs { get; private set; } = [];

    /// <summary>Every evaluation: ends of epochs and, when asked, every few updates.</summary>
    [JsonInclude]
    public List<EvaluationRecord> Evaluations { get; private set; } = [];

    /// <summary>Two-batch gradient measurements, when asked.</summary>
    [JsonInclude]
    public List<Gradients.NoiseScaleSample> NoiseScaleSamples { get; private set; } = [];

    /// <summary>Sets the updates in one full epoch (the run's batch size and last-batch choice decide it).</summary>
    public void Begin(int updatesPerEpoch) => UpdatesPerEpoch = updatesPerEpoch;

    /// <summary>Counts one update on a batch of <paramref name="batchSize"/> samples that took <paramref name="seconds"/>, and records it.</summary>
    public void RecordUpdate(int batchSize, double learningRate, double loss, double seconds)
    {
        Update++;
        BatchesDone++;
        ElapsedSeconds += seconds;
        EpochSeconds += seconds;
        EpochSamples += batchSize;
        Updates.Add(new UpdateRecord(Update, Epoch, batchSize, learningRate, loss, ElapsedSeconds));
    }

    /// <summary>Records an evaluation at the current update.</summary>
    public void RecordEvaluation(EvaluationRecord evaluation) => Evaluations.Add(evaluation);

    /// <summary>Records the end of <see cref="Epoch"/> (or of the budget within it) with its evaluation and its throughput.</summary>
    public void RecordEpoch(EvaluationRecord measured)
    {
        Evaluations.Add(measured);
        Epochs.Add(new EpochRecord(
            Epoch, Update, measured.TrainLoss, measured.TrainAccuracy, measured.TestLoss, measured.TestAccuracy,
            EpochSeconds > 0 ? EpochSamples / EpochSeconds : 0, EpochSeconds, ElapsedSeconds));
    }

    /// <summary>Moves to the first batch of the next epoch.</summary>
    public void StartNextEpoch()
    {
        Epoch++;
        BatchesDone = 0;
        EpochSeconds = 0;
        EpochSamples = 0;
    }

    /// <summary>Records a two-batch gradient measurement.</summary>
    public void RecordNoiseScale(Gradients.NoiseScaleSample sample) => NoiseScaleSamples.Add(sample);

    /// <summary>The records so far as a run.</summary>
    public TrainingRun ToRun(TrainingOptions options) => new(options.RunName, options, Updates.ToList(), Epochs.ToList(), UpdatesPerEpoch)
    {
        Evaluations = Evaluations.ToList(),
        NoiseScaleSamples = NoiseScaleSamples.ToList(),
    };
}
