using BatchLearning.Inference;
using BatchLearning.Timing;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Inference;

public sealed class LoopOrBatchTests
{
    [Fact]
    public void Times_the_loop_against_one_call_interleaved_and_states_a_finding_whose_verdict_agrees_with_its_numbers()
    {
        using var layer = nn.Linear(64, 10);
        using var inputs = rand(256, 64);
        Tensor OneAtATime()
        {
            using var noGradients = no_grad();
            return cat(Enumerable.Range(0, 256).Select(i => layer.forward(inputs[i].unsqueeze(0))).ToList(), 0);
        }

        Tensor AllAtOnce()
        {
            using var noGradients = no_grad();
            return layer.forward(inputs);
        }

        var finding = LoopOrBatch.Compare(OneAtATime, AllAtOnce, inputs: 256, rounds: 6);
        Assert.Equal("The model", finding.Subject);
        Assert.Equal(HeadToHeadVerdict.SecondFaster, finding.ExpectedVerdict);
        Assert.Equal(6, finding.Result.Rounds);
        Assert.Equal("one batch of 256", finding.Result.Second);
        var secondFaster = finding.Result.SecondMilliseconds < finding.Result.FirstMilliseconds && finding.Result.RatioLow > 1;
        Assert.True(finding.Verdict != HeadToHeadVerdict.SecondFaster || secondFaster, finding.Text);
        Assert.Contains(finding.Verdict == HeadToHeadVerdict.SecondFaster ? "pays once for all its inputs" : "this run", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_out_of_range_are_refused_by_name()
    {
        static Tensor Nothing() => zeros(1);
        Assert.Equal("rounds", Assert.Throws<ArgumentOutOfRangeException>(() => LoopOrBatch.Compare(Nothing, Nothing, 10, rounds: 5)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentOutOfRangeException>(() => LoopOrBatch.Compare(Nothing, Nothing, 0)).ParamName);
    }
}
