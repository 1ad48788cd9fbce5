namespace BatchLearning.Data;

/// <summary>A data set split into disjoint training and test parts (see <see cref="TensorDataSet.Split"/>).</summary>
/// <param name="Train">The samples the model learns from.</param>
/// <param name="Test">The held-out samples it is evaluated on.</param>
public sealed record DataSplit(TensorDataSet Train, TensorDataSet Test) : IDisposable
{
    /// <summary>Frees both parts.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
