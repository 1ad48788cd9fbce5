namespace BatchLearning.Training;

/// <summary>
/// A rule that scales the base learning rate with the batch size, relative to the batch size the rate was tuned for:
/// lr(B) = lr x (B / <see cref="BaseBatchSize"/>) for <see cref="ScalingRule.Linear"/>, x sqrt(B / base) for <see cref="ScalingRule.SquareRoot"/>.
/// </summary>
/// <param name="Rule">None, linear or square root.</param>
/// <param name="BaseBatchSize">The batch size at which the base learning rate applies unchanged, at least 1.</param>
public sealed record LearningRateScaling(ScalingRule Rule, int BaseBatchSize)
{
    /// <summary>The factor for <paramref name="batchSize"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> or <see cref="BaseBatchSize"/> is below 1.</exception>
    public double Factor(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (BaseBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseBatchSize), BaseBatchSize, "BaseBatchSize must be at least 1.");
        }

        var ratio = (double)batchSize / BaseBatchSize;
        return Rule switch
        {
            ScalingRule.None => 1,
            ScalingRule.Linear => ratio,
            ScalingRule.SquareRoot => Math.Sqrt(ratio),
            _ => throw new ArgumentOutOfRangeException(nameof(Rule), Rule, "Rule must be None, Linear or SquareRoot."),
        };
    }

    /// <summary>The learning rate for <paramref name="batchSize"/> given the rate tuned at <see cref="BaseBatchSize"/>.</summary>
    public double LearningRate(double baseLearningRate, int batchSize) => baseLearningRate * Factor(batchSize);
}
