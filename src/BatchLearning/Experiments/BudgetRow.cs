namespace BatchLearning.Experiments;

/// <summary>
/// One batch size trained two ways: for a fixed number of epochs, and for a fixed number of updates (the same for every size); the mean final test
/// loss over the seeds each way, with its 95 % half-width.
/// </summary>
/// <param name="BatchSize">The batch size.</param>
/// <param name="UpdatesFixedEpochs">Updates its runs made in the fixed epochs.</param>
/// <param name="TestLossFixedEpochs">Mean final test loss after the fixed epochs.</param>
/// <param name="HalfWidthFixedEpochs">Its 95 % half-width over the seeds.</param>
/// <param name="UpdatesEqualBudget">Updates its runs made with the fixed update budget.</param>
/// <param name="TestLossEqualUpdates">Mean final test loss after those updates.</param>
/// <param name="HalfWidthEqualUpdates">Its 95 % half-width over the seeds.</param>
public sealed record BudgetRow(
    int BatchSize, int UpdatesFixedEpochs, double TestLossFixedEpochs, double HalfWidthFixedEpochs,
    int UpdatesEqualBudget, double TestLossEqualUpdates, double HalfWidthEqualUpdates)
{
    /// <summary>One row per batch size of two grids run with the same sizes, learning rate and seeds: one by epochs, one by updates.</summary>
    /// <exception cref="ArgumentException">The grids do not hold the same batch sizes, one learning rate each.</exception>
    public static IReadOnlyList<BudgetRow> Of(GridResults byEpochs, GridResults byUpdates)
    {
        ArgumentNullException.ThrowIfNull(byEpochs);
        ArgumentNullException.ThrowIfNull(byUpdates);
        var (epochs, updates) = (byEpochs.Cells(), byUpdates.Cells());
        if (!epochs.Select(c => c.BatchSize).SequenceEqual(updates.Select(c => c.BatchSize)) || epochs.Select(c => c.BatchSize).Distinct().Count() != epochs.Count)
        {
            throw new ArgumentException("Both grids must run the same batch sizes, in the same order, at one learning rate.", nameof(byUpdates));
        }

        return [.. epochs.Zip(updates, (e, u) => new BudgetRow(e.BatchSize,
            byEpochs.Runs.First(r => r.BatchSize == e.BatchSize).Updates, e.TestLoss, e.TestLossHalfWidth,
            byUpdates.Runs.First(r => r.BatchSize == u.BatchSize).Updates, u.TestLoss, u.TestLossHalfWidth))];
    }
}
