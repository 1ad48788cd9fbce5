namespace BatchLearning.Generation;

/// <summary>A prompt and two completions of it (<see cref="CharacterModel.Examples"/>).</summary>
/// <param name="Prompt">The start of a line.</param>
/// <param name="Greedy">The greedy completion.</param>
/// <param name="Sampled">A seeded sample at temperature 1.</param>
public sealed record CompletionExample(string Prompt, string Greedy, string Sampled);
