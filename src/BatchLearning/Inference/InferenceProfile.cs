namespace BatchLearning.Inference;

/// <summary>Offline inference speed at one batch size.</summary>
/// <param name="BatchSize">Items per forward pass.</param>
/// <param name="ItemsPerSecond">Items per second over the whole data set (median of the timed passes).</param>
/// <param name="BatchMilliseconds">Time of one forward pass of <paramref name="BatchSize"/> items: the latency a batch adds.</param>
/// <param name="GigaflopsPerSecond">Achieved speed, when the model's FLOPs per item were given; NaN otherwise.</param>
/// <param name="ShareOfCeiling">Achieved speed over the machine's ceiling measured interleaved with it (<see cref="BatchPredictor.ProfileAgainstCeiling"/>); NaN otherwise.</param>
public sealed record InferenceProfile(int BatchSize, double ItemsPerSecond, double BatchMilliseconds, double GigaflopsPerSecond, double ShareOfCeiling = double.NaN);
