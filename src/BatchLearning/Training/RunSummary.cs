namespace BatchLearning.Training;

/// <summary>One line per run, for comparing runs side by side (see <see cref="TrainingTables.Summarize"/>).</summary>
/// <param name="Run">The run's name.</param>
/// <param name="BatchSize">Samples per update.</param>
/// <param name="Epochs">End-of-epoch measurements recorded.</param>
/// <param name="Updates">Updates made.</param>
/// <param name="UpdatesPerEpoch">Updates in one full epoch.</param>
/// <param name="SamplesPerSecond">Training throughput over the run.</param>
/// <param name="SecondsPerEpoch">Mean training time of an epoch.</param>
/// <param name="TrainLoss">Final mean loss on the training set.</param>
/// <param name="TestLoss">Final mean loss on the test set.</param>
/// <param name="TestAccuracy">Final share of test samples classified correctly.</param>
public sealed record RunSummary(
    string Run,
    int BatchSize,
    int Epochs,
    int Updates,
    int UpdatesPerEpoch,
    double SamplesPerSecond,
    double SecondsPerEpoch,
    double TrainLoss,
    double TestLoss,
    double TestAccuracy);
