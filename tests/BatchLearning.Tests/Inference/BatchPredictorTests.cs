using BatchLearning.Inference;
using BatchLearning.Runtime;
using BatchLearning.Serving;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Inference;

public sealed class BatchPredictorTests
{
    private static nn.Module<Tensor, Tensor> Model()
    {
        TorchRuntime.Seed(11);
        return nn.Sequential(nn.Linear(20, 16), nn.ReLU(), nn.Linear(16, 3)).to(TorchRuntime.Device);
    }

    [Fact]
    public void Outputs_come_back_in_input_order_whatever_the_batch_size_including_a_partial_last_batch()
    {
        var model = Model();
        using var inputs = rand(103, 20);

        using var one = BatchPredictor.Predict(model, inputs, 1);
        using var seven = BatchPredictor.Predict(model, inputs, 7);
        using var all = BatchPredictor.Predict(model, inputs, 1000);

        Assert.Equal(new long[] { 103, 3 }, seven.shape);
        Assert.True((one - seven).abs().max().item<float>() < 1e-5);
        Assert.True((one - all).abs().max().item<float>() < 1e-5);
        using var row50 = model.forward(inputs[50].unsqueeze(0).to(TorchRuntime.Device));
        Assert.True((row50[0].cpu() - seven[50].cpu()).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void Prediction_records_no_gradients()
    {
        var model = Model();
        using var inputs = rand(10, 20);

        using var outputs = BatchPredictor.Predict(model, inputs, 4);

        Assert.False(outputs.requires_grad);
    }

    [Fact]
    public void A_profile_reports_every_batch_size_with_consistent_throughput_and_batch_time()
    {
        var model = Model();
        using var inputs = rand(256, 20, device: TorchRuntime.Device);

        var profile = BatchPredictor.Profile(model, inputs, [1, 16, 256], repetitions: 3, flopsPerItem: 2.0 * (20 * 16 + 16 * 3));

        Assert.Equal([1, 16, 256], profile.Select(p => p.BatchSize));
        foreach (var p in profile)
        {
            var batches = Math.Ceiling(256.0 / p.BatchSize);
            Assert.Equal(256 / (p.BatchMilliseconds * batches / 1000), p.ItemsPerSecond, p.ItemsPerSecond * 1e-6);
            Assert.Equal(p.ItemsPerSecond * 2.0 * (20 * 16 + 16 * 3) / 1e9, p.GigaflopsPerSecond, 9);
        }
    }

    [Fact]
    public void A_batch_size_of_zero_and_an_empty_data_set_are_refused()
    {
        var model = Model();

        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => BatchPredictor.Predict(model, rand(4, 20), 0)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => BatchPredictor.Predict(model, zeros(0, 20), 8)).ParamName);
    }

    [Fact]
    public void A_model_behind_the_batch_function_classifies_each_request_as_the_model_does_alone()
    {
        var model = Model();
        using var inputs = rand(5, 20);
        var requests = Enumerable.Range(0, 5).Select(i => inputs[i].data<float>().ToArray()).ToArray();

        var classes = ModelBatchFunction.Classifier(model, 20, TorchRuntime.Device)(requests);

        using var expected = BatchPredictor.Predict(model, inputs, 5).argmax(1).cpu();
        Assert.Equal(expected.data<long>().ToArray().Select(c => (int)c), classes);
        var error = Assert.Throws<ArgumentException>(() => ModelBatchFunction.Classifier(model, 20, TorchRuntime.Device)([new float[19]])[0]); // the request fails alone
        Assert.Contains("19 features", error.Message);
    }
}
