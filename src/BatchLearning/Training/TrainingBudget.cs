using System.Globalization;

namespace BatchLearning.Training;

/// <summary>
/// How long to train: a number of epochs (passes over the training set) or a number of updates (optimizer steps).
/// With a fixed epoch budget a larger batch makes fewer updates; with a fixed update budget it sees more samples.
/// </summary>
/// <param name="Epochs">Epochs to train, or null for an update budget.</param>
/// <param name="Updates">Updates to make, or null for an epoch budget.</param>
public sealed record TrainingBudget(int? Epochs, int? Updates)
{
    /// <summary>Train for <paramref name="epochs"/> full passes over the training set.</summary>
    public static TrainingBudget OfEpochs(int epochs) => new(epochs, null);

    /// <summary>Train for <paramref name="updates"/> optimizer steps, however many epochs that takes.</summary>
    public static TrainingBudget OfUpdates(int updates) => new(null, updates);

    /// <summary>Checks that exactly one budget is set, and at least 1.</summary>
    /// <exception cref="ArgumentException">Neither or both are set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The budget is below 1.</exception>
    public void Validate()
    {
        if (Epochs.HasValue == Updates.HasValue)
        {
            throw new ArgumentException("Give either Epochs or Updates as the training budget, not both and not neither.", nameof(Epochs));
        }

        if (Epochs is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, string.Create(CultureInfo.InvariantCulture, $"Epochs must be at least 1; got {Epochs}."));
        }

        if (Updates is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Updates), Updates, string.Create(CultureInfo.InvariantCulture, $"Updates must be at least 1; got {Updates}."));
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        Epochs is { } epochs ? string.Create(CultureInfo.InvariantCulture, $"{epochs} epochs") : string.Create(CultureInfo.InvariantCulture, $"{Updates} updates");
}
