namespace BatchLearning.Hardware;

/// <summary>The same many small matrix products, done one call at a time and in one batched call.</summary>
/// <param name="Count">How many products.</param>
/// <param name="Size">n, for n x n matrices.</param>
/// <param name="OneByOneMilliseconds">Median time for all products with one call each.</param>
/// <param name="BatchedMilliseconds">Median time for all products in one batched call.</param>
/// <param name="SpeedUp">One-by-one time divided by batched time.</param>
/// <param name="MaxDifference">The largest absolute difference between the two results (they compute the same thing).</param>
public sealed record BatchedProductComparison(
    int Count,
    int Size,
    double OneByOneMilliseconds,
    double BatchedMilliseconds,
    double SpeedUp,
    double MaxDifference);
