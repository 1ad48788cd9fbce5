using BatchLearning.Data;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Data;

public sealed class TensorDataSetTests
{
    [Fact]
    public void A_split_gives_disjoint_train_and_test_sets_that_cover_the_data_and_repeat_under_the_seed()
    {
        using var data = new TensorDataSet(arange(200, dtype: ScalarType.Float32).unsqueeze(1), arange(200, dtype: ScalarType.Int64));

        using var split = data.Split(0.25, seed: 3);
        using var again = data.Split(0.25, seed: 3);
        using var other = data.Split(0.25, seed: 4);

        var train = split.Train.Labels.data<long>().ToArray();
        var test = split.Test.Labels.data<long>().ToArray();
        Assert.Equal(150, train.Length);
        Assert.Equal(50, test.Length);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(200, train.Union(test).Count());
        Assert.Equal(test, again.Test.Labels.data<long>().ToArray());
        Assert.NotEqual(test, other.Test.Labels.data<long>().ToArray());
    }

    [Fact]
    public void An_empty_set_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new TensorDataSet(zeros(0, 3), zeros(0, dtype: ScalarType.Int64)));

        Assert.Equal("features", error.ParamName);
        Assert.Contains("at least 1 sample", error.Message);
    }

    [Fact]
    public void Features_and_labels_of_different_lengths_are_refused_with_both_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => new TensorDataSet(zeros(10, 3), zeros(9, dtype: ScalarType.Int64)));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("10 rows", error.Message);
        Assert.Contains("9", error.Message);
    }

    [Fact]
    public void A_non_finite_feature_is_refused_naming_its_row()
    {
        var features = zeros(10, 3);
        features[6, 1] = tensor(float.NaN);

        var error = Assert.Throws<ArgumentException>(() => new TensorDataSet(features, zeros(10, dtype: ScalarType.Int64)));

        Assert.Contains("row 6", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.2)]
    [InlineData(double.NaN)]
    public void A_test_fraction_outside_zero_to_one_is_refused(double fraction)
    {
        using var data = new TensorDataSet(zeros(10, 3), zeros(10, dtype: ScalarType.Int64));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(fraction, seed: 1));

        Assert.Equal("testFraction", error.ParamName);
    }
}
