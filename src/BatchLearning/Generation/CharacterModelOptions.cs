namespace BatchLearning.Generation;

/// <summary>Size and training of a <see cref="CharacterModel"/>.</summary>
/// <param name="HiddenSize">The GRU's hidden state per sequence, from 8 to 2,048; defaults to 128.</param>
/// <param name="EmbeddingSize">Each character's embedding, from 4 to 1,024; defaults to 32.</param>
/// <param name="TrainingSteps">Adam updates, from 1 to 100,000; defaults to 200 (a few seconds on one CPU core).</param>
/// <param name="BatchSize">Text windows per update, from 1 to 4,096; defaults to 32.</param>
/// <param name="WindowLength">Characters per training window, from 2 to 1,024; defaults to 32.</param>
/// <param name="LearningRate">Adam's learning rate, above 0 and at most 1; defaults to 0.005.</param>
/// <param name="ContextLength">The most tokens a sequence may hold (prompt plus generated), from 2 to 100,000; defaults to 128.</param>
public sealed record CharacterModelOptions(
    int HiddenSize = 128,
    int EmbeddingSize = 32,
    int TrainingSteps = 200,
    int BatchSize = 32,
    int WindowLength = 32,
    double LearningRate = 0.005,
    int ContextLength = 128)
{
    internal CharacterModelOptions Validated()
    {
        Range(HiddenSize, 8, 2048, nameof(HiddenSize));
        Range(EmbeddingSize, 4, 1024, nameof(EmbeddingSize));
        Range(TrainingSteps, 1, 100_000, nameof(TrainingSteps));
        Range(BatchSize, 1, 4096, nameof(BatchSize));
        Range(WindowLength, 2, 1024, nameof(WindowLength));
        Range(ContextLength, 2, 100_000, nameof(ContextLength));
        if (!double.IsFinite(LearningRate) || LearningRate <= 0 || LearningRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, GenerationRequest.Text($"LearningRate must be above 0 and at most 1; got {LearningRate}."));
        }

        return this;
    }

    private static void Range(int value, int low, int high, string name)
    {
        if (value < low || value > high)
        {
            throw new ArgumentOutOfRangeException(name, value, GenerationRequest.Text($"{name} must be from {low:N0} to {high:N0}; got {value:N0}."));
        }
    }
}
