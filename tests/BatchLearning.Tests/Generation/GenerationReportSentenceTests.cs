using BatchLearning.Generation;

namespace BatchLearning.Tests.Generation;

/// <summary>07's sentences about the simulator's agreement and about preemption follow the numbers they are given, branch by branch.</summary>
public sealed class GenerationReportSentenceTests
{
    private static readonly StepCostModel Cost = new(0.001, 0.0001, 0.0005, 0.0002);

    private static SimulationAgreement Agreement(string policy, double throughputDifference, double measuredP50, double simulatedP50) =>
        new(policy, 1000, 1000 * (1 + throughputDifference), throughputDifference, measuredP50, simulatedP50);

    [Fact]
    public void Agreement_rounds_its_worst_difference_up_and_states_the_latencies_when_they_agree()
    {
        var text = GenerationReport.DescribeAgreement(Cost, 1000, [Agreement("static", 0.061, 100, 105), Agreement("continuous", -0.02, 50, 48)]);

        Assert.Contains("within 6.1 % of the measurement for every policy, within the 10 % the course's tests ask on a burst of requests; ", text, StringComparison.Ordinal);
        Assert.EndsWith("its median latencies are within 5.0 % of the measured ones (the tests ask 20 %).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Agreement_says_when_the_median_latencies_differ_beyond_20_percent_even_if_throughput_agrees()
    {
        var text = GenerationReport.DescribeAgreement(Cost, 1000, [Agreement("static", 0.06, 188, 234), Agreement("dynamic", -0.06, 361, 261)]);

        Assert.Contains("its median latencies are not as close: dynamic's differs by -27.7 % from the measured one, beyond the 20 % the tests ask", text, StringComparison.Ordinal);
        Assert.EndsWith("so trust the simulated throughputs below more than their latencies.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Preemption_states_the_run_s_whole_time_against_the_unlimited_run_and_never_that_it_cost_time_when_it_did_not()
    {
        var trace = GenerationBenchmark.Trace(200, 1e6, seed: 3);
        var free = GenerationScheduler.Run(new SimulatedEngine(), trace, GenerationPolicy.Continuous(16), GenerationClock.Modeled(Cost));
        var tight = GenerationScheduler.Run(new SimulatedEngine(), trace, GenerationPolicy.Continuous(16, 2048, maxCachedTokens: 128), GenerationClock.Modeled(Cost));

        var longer = GenerationReport.DescribePreemption(tight, free, 128).Text;
        var shorter = GenerationReport.DescribePreemption(tight, tight, 128).Text;

        Assert.True(tight.DurationSeconds > free.DurationSeconds);
        Assert.Contains("the price was the recompute work, not answers.", longer, StringComparison.Ordinal);
        Assert.EndsWith("without the limit.", longer, StringComparison.Ordinal);
        Assert.EndsWith("on this run the recompute did not lengthen it (the arrivals, not the passes, set its pace).", shorter, StringComparison.Ordinal);
    }
}
