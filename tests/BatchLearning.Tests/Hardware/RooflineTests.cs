using BatchLearning.Hardware;

namespace BatchLearning.Tests.Hardware;

public sealed class RooflineTests
{
    [Fact]
    public void The_ridge_point_separates_memory_bound_from_compute_bound()
    {
        // The H100 figures of batching-facts.md: 989 TFLOP/s dense BF16 over 3.35 TB/s, about 295 FLOP/byte.
        var h100 = new Roofline(989_000, 3_350);

        Assert.Equal(295.2, h100.RidgePoint, 1);
        Assert.Equal(3_350 * 10, h100.Attainable(10), 6);
        Assert.Equal(989_000, h100.Attainable(1000), 6);
    }

    [Fact]
    public void A_dense_layer_does_about_two_flops_per_weight_read_at_batch_one_and_more_with_larger_batches()
    {
        // 4096 x 4096 float32 at batch 1: 2 x 4096² FLOPs over 4 x (4096² + 8192) bytes, just under 0.5 FLOP/byte.
        var one = Roofline.DenseLayerIntensity(4096, 4096, 1);
        var many = Roofline.DenseLayerIntensity(4096, 4096, 256);

        Assert.Equal(2.0 * 4096 * 4096 / (4.0 * (4096.0 * 4096 + 8192)), one, 12);
        Assert.InRange(many / one, 200, 256);
        Assert.Throws<ArgumentOutOfRangeException>(() => Roofline.DenseLayerIntensity(4096, 4096, 0));
    }
}
