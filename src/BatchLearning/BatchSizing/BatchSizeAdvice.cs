namespace BatchLearning.BatchSizing;

/// <summary>What <see cref="BatchSizeAdvisor"/> found for a model, and the batch size it recommends.</summary>
/// <param name="Candidates">Every batch size tried, smallest first.</param>
/// <param name="Recommended">The smallest batch within the budget whose speed reaches <paramref name="SpeedShare"/> of the fastest within the budget.</param>
/// <param name="Fastest">The fastest batch within the budget.</param>
/// <param name="SpeedShare">The share of the fastest speed a recommended batch must reach, in (0, 1].</param>
/// <param name="BudgetMegabytes">The memory budget, MiB.</param>
public sealed record BatchSizeAdvice(IReadOnlyList<BatchSizeCandidate> Candidates, BatchSizeCandidate Recommended, BatchSizeCandidate Fastest, double SpeedShare, double BudgetMegabytes)
{
    /// <summary>The recommendation and its reason, in one paragraph computed from the measurements.</summary>
    public string Reason()
    {
        var over = Candidates.Where(c => !c.FitsBudget).Select(c => c.BatchSize).ToList();
        var overText = over.Count == 0 ? "every size tried fits the budget" : $"{string.Join(", ", over)} exceed{(over.Count == 1 ? "s" : "")} it";
        var sameAsFastest = Recommended.BatchSize == Fastest.BatchSize;
        return FormattableString.Invariant(
            $"For training speed within the memory budget, use batch {Recommended.BatchSize}: {Recommended.SamplesPerSecond:N0} samples/s at a peak of {Recommended.PeakMegabytes:0.0} MiB. ") +
               (sameAsFastest
                   ? FormattableString.Invariant($"It is the fastest size within the {BudgetMegabytes:0} MiB budget ({overText}). ")
                   : FormattableString.Invariant(
                       $"The fastest within the {BudgetMegabytes:0} MiB budget, batch {Fastest.BatchSize}, is only {Fastest.SamplesPerSecond / Recommended.SamplesPerSecond - 1:P0} faster ") +
                     FormattableString.Invariant($"({overText}); a smaller batch makes more updates per epoch for about the same speed. ")) +
               "This weighs speed only, not how fast the model learns: tune the learning rate at that size, and check accuracy per second of training, not per epoch (notebooks 02 and 03).";
    }
}
