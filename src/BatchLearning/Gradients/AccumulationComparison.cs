namespace BatchLearning.Gradients;

/// <summary>One batch's gradient accumulated over pieces, two ways, against the gradient of the whole batch at once (<see cref="GradientAccumulationCheck"/>).</summary>
/// <param name="BatchSize">Samples in the batch.</param>
/// <param name="PieceSizes">The pieces, in order: all of the piece size but the last, which holds what is left.</param>
/// <param name="MeanOfMeansError">
/// |g − G| / |G| when each piece's mean loss is divided by the number of pieces (a mean of the pieces' means): exact only when every piece has the same size,
/// since it gives each sample of a smaller last piece more weight than the others.
/// </param>
/// <param name="WeightedError">|g − G| / |G| when each piece's mean loss is weighted by its share of the batch (a sum over samples divided by the batch size), as the library's trainer accumulates: float rounding only.</param>
public sealed record AccumulationComparison(int BatchSize, IReadOnlyList<int> PieceSizes, double MeanOfMeansError, double WeightedError);
