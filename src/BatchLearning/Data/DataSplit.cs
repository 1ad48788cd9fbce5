using System.Globalization;

namespace BatchLearning.Data;

/// <summary>A data set split into disjoint training and test parts (see <see cref="TensorDataSet.Split"/>).</summary>
/// <param name="Train">The samples the model learns from.</param>
/// <param name="Test">The held-out samples it is evaluated on.</param>
public sealed record DataSplit(TensorDataSet Train, TensorDataSet Test) : IDisposable
{
    /// <summary>How many samples each part holds: "1,437 for training, 360 for testing (64 features, 10 classes)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Train.Count:N0} for training, {Test.Count:N0} for testing ({Train.FeatureCount} features, {(Train.HasClassLabels ? $"{Train.ClassCount} classes" : "numeric targets")}).");

    /// <summary>Frees both parts.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
