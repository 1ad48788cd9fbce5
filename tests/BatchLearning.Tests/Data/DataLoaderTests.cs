using BatchLearning.Data;

namespace BatchLearning.Tests.Data;

public sealed class DataLoaderTests
{
    [Fact]
    public void The_digits_load_as_1797_samples_of_64_pixels_scaled_to_one_in_ten_classes()
    {
        using var digits = Digits.Load();

        Assert.Equal(Digits.Count, digits.Count);
        Assert.Equal(Digits.Features, digits.FeatureCount);
        Assert.Equal(Digits.Classes, digits.ClassCount);
        Assert.Equal(0f, digits.Features.min().item<float>());
        Assert.Equal(1f, digits.Features.max().item<float>());
        // Every class is present in roughly equal numbers (the UCI test set has 174 to 183 per digit).
        var counts = digits.Labels.bincount(null).data<long>().ToArray();
        Assert.All(counts, c => Assert.InRange(c, 170, 190));
    }

    [Fact]
    public void A_numeric_csv_with_a_header_and_a_label_column_loads()
    {
        var csv = "x1,x2,label\n0.5,1.5,1\n2,3e-1,0\n\n4,5,2\n";

        using var data = NumericCsv.Read(new StringReader(csv), "test.csv");

        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(new long[] { 1, 0, 2 }, data.Labels.data<long>().ToArray());
        Assert.Equal(new[] { 0.5f, 1.5f, 2f, 0.3f, 4f, 5f }, data.Features.data<float>().ToArray());
    }

    [Theory]
    [InlineData("1,2,0\n1,x,1\n", "line 2, column 2: 'x' is not a finite number")]
    [InlineData("1,2,0\n1,2\n", "line 2: found 2 columns where the first data line has 3")]
    [InlineData("1,2,0.5\n", "class label '0.5' must be a whole number from 0")]
    [InlineData("1,2,-1\n", "class label '-1' must be a whole number from 0")]
    [InlineData("a,b,c\n", "holds no data lines")]
    [InlineData("1,NaN,0\n", "'NaN' is not a finite number")]
    public void A_malformed_csv_is_refused_naming_the_line_and_column(string csv, string expected)
    {
        var error = Assert.Throws<FormatException>(() => NumericCsv.Read(new StringReader(csv), "bad.csv"));

        Assert.Contains("bad.csv", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Synthetic_sets_repeat_under_their_seed_and_differ_across_seeds()
    {
        using var a = SyntheticData.Blobs(300, classes: 3, features: 5, seed: 1);
        using var b = SyntheticData.Blobs(300, classes: 3, features: 5, seed: 1);
        using var c = SyntheticData.Blobs(300, classes: 3, features: 5, seed: 2);
        using var spirals = SyntheticData.Spirals(300, classes: 3, seed: 1);

        Assert.True(a.Features.eq(b.Features).all().item<bool>());
        Assert.False(a.Features.eq(c.Features).all().item<bool>());
        Assert.Equal(3, spirals.ClassCount);
        Assert.Equal(2, spirals.FeatureCount);
        Assert.Equal(new long[] { 100, 100, 100 }, spirals.Labels.bincount(null).data<long>().ToArray());
    }

    [Fact]
    public void Label_noise_changes_about_the_asked_share_of_labels_always_to_another_class()
    {
        using var clean = SyntheticData.Blobs(5000, classes: 4, features: 2, seed: 1);

        using var noisy = SyntheticData.WithLabelNoise(clean, 0.2, seed: 7);

        var changed = noisy.Labels.ne(clean.Labels).to_type(TorchSharp.torch.ScalarType.Float32).mean().item<float>();
        Assert.InRange(changed, 0.18, 0.22);
        Assert.True(noisy.Features.eq(clean.Features).all().item<bool>());
    }
}
