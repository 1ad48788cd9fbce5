using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Runtime;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void The_device_is_CUDA_exactly_when_CUDA_is_available_and_the_report_says_which()
    {
        var environment = TorchRuntime.Initialize();

        Assert.Equal(cuda.is_available(), environment.IsCuda);
        Assert.Equal(environment.IsCuda ? DeviceType.CUDA : DeviceType.CPU, environment.Device.type);
        Assert.StartsWith(environment.IsCuda ? "CUDA" : "CPU", environment.Backend);
        Assert.Equal("0.107.0", environment.TorchSharpVersion);
        Assert.StartsWith("2.", environment.LibTorchVersion);
        Assert.InRange(environment.Threads, 1, 4096);
    }

    [Fact]
    public void Initialize_is_idempotent()
    {
        Assert.Same(TorchRuntime.Initialize(), TorchRuntime.Initialize());
    }

    [Fact]
    public void Torch_computes_a_product_worked_by_hand()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var b = tensor(new float[] { 5, 6, 7, 8 }, [2, 2]);

        using var product = a.matmul(b);

        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }

    [Fact]
    public void The_same_seed_gives_the_same_random_tensor_and_another_seed_does_not()
    {
        TorchRuntime.Seed(7);
        using var first = randn(16);
        TorchRuntime.Seed(7);
        using var again = randn(16);
        TorchRuntime.Seed(8);
        using var other = randn(16);

        Assert.Equal(first.data<float>().ToArray(), again.data<float>().ToArray());
        Assert.NotEqual(first.data<float>().ToArray(), other.data<float>().ToArray());
    }
}
