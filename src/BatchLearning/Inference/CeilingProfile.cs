using BatchLearning.Hardware;

namespace BatchLearning.Inference;

/// <summary>A model's inference speed per batch size, measured interleaved with the machine's ceiling (<see cref="BatchPredictor.ProfileAgainstCeiling"/>).</summary>
/// <param name="Ceiling">The ceiling sampled between the model's timings.</param>
/// <param name="Points">One profile per batch size, in the order given, each with its share of the ceiling.</param>
public sealed record CeilingProfile(MachineCeiling Ceiling, IReadOnlyList<InferenceProfile> Points);
