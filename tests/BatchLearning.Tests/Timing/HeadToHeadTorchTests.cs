using BatchLearning.Cli.Benchmarks;
using BatchLearning.Tests.Support;
using BatchLearning.Timing;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Timing;

/// <summary>The comparison on real TorchSharp work, on a machine kept busy on purpose: the claim the course builds on must survive that.</summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TimingCollection.Name)]
public sealed class HeadToHeadTorchTests
{
    // A hang guard only (no wall-clock claim): the comparison takes about three seconds on a quiet machine. Rounds of at least 50 ms, 25 of them:
    // with 15 rounds of 20 ms a fresh-clone CI once found the two ways too close to call while the spinner and the test host shared the cores.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task One_batched_product_of_many_small_matrices_beats_one_call_each_with_a_confident_verdict_while_another_program_holds_a_core()
    {
        using var busy = Busy.OneCore();
        using var scope = NewDisposeScope();
        var a = randn(1000, 16, 16);
        var b = randn(1000, 16, 16);
        // Each call frees its own tensors: one scope for the whole test kept every round's tensors (hundreds of thousands), and the garbage
        // collector's pauses over that heap can weigh on both ways alike (a fresh-clone CI once saw ratios near 1 throughout).
        var oneByOne = new ComparedWay("one call each", 1000, () =>
        {
            using var calls = NewDisposeScope();
            for (var i = 0; i < 1000; i++)
            {
                a[i].matmul(b[i]);
            }
        });
        var batched = new ComparedWay("one batched call", 1000, () =>
        {
            using var call = NewDisposeScope();
            a.bmm(b);
        });

        var result = await Task.Run(() => HeadToHead.Run(oneByOne, batched, new HeadToHeadOptions { Rounds = 25, MinimumSecondsPerRound = 0.05 })).WaitAsync(HangGuard);

        Assert.True(busy.Running);
        Assert.Equal(1, result.TorchThreads);
        Assert.True(result.Verdict == HeadToHeadVerdict.SecondFaster, $"{result.Verdict}; ratios {string.Join(", ", result.Ratios)}");
        Assert.True(result.RatioLow > 1 && result.SecondMilliseconds < result.FirstMilliseconds, $"ratios {string.Join(", ", result.Ratios)}");
    }
}
