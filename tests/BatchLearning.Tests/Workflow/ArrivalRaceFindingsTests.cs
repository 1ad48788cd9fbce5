using BatchLearning.Timing;
using BatchLearning.Workflow;

namespace BatchLearning.Tests.Workflow;

/// <summary>The first lesson's findings on fixed race timings: each states the branch its numbers took, and the reasons follow the verdicts.</summary>
public sealed class ArrivalRaceFindingsTests
{
    [Fact]
    public void Batches_win_the_model_and_lose_end_to_end_when_featurising_in_batches_costs_more_than_the_model_saves()
    {
        var race = Race(featurize: (0.03, 0.12), model: (0.09, 0.02), endToEnd: (0.12, 0.15), usualThreads: (0.08, 0.23, 2));

        var model = ArrivalRaceFindings.Model(race);
        var endToEnd = ArrivalRaceFindings.EndToEnd(race);
        var threads = ArrivalRaceFindings.ModelOnUsualThreads(race);

        Assert.Equal(HeadToHeadVerdict.SecondFaster, model.Verdict);
        Assert.Equal(HeadToHeadVerdict.SecondFaster, model.ExpectedVerdict);
        Assert.Contains("batches was 4.5x faster", model.Sentence, StringComparison.Ordinal);
        Assert.Contains("shares among its emails", model.Reason, StringComparison.Ordinal);
        Assert.Equal(HeadToHeadVerdict.FirstFaster, ArrivalRaceFindings.Featurize(race).Verdict);
        Assert.Contains("batches was 1.25x slower", endToEnd.Sentence, StringComparison.Ordinal);
        Assert.Contains("in batches of 256 the model's part went from 0.090 to 0.020 ms per email and turning text into numbers from 0.030 to 0.120 ms", endToEnd.Reason, StringComparison.Ordinal);
        Assert.Contains("together the two parts took longer in batches", endToEnd.Reason, StringComparison.Ordinal);
        Assert.StartsWith("The model alone on 2 libtorch threads", threads.Sentence, StringComparison.Ordinal);
        Assert.Contains("changed the verdict", threads.Reason, StringComparison.Ordinal);
        Assert.Null(threads.ExpectedVerdict);
    }

    [Fact]
    public void An_end_to_end_race_the_rounds_cannot_tell_apart_says_so_and_the_thread_verdict_that_held_says_so()
    {
        var race = Race(featurize: (0.03, 0.05), model: (0.09, 0.02), endToEnd: (0.12, 0.12), usualThreads: (0.08, 0.02, 4));

        var endToEnd = ArrivalRaceFindings.EndToEnd(race);

        Assert.Equal(HeadToHeadVerdict.TooCloseToCall, endToEnd.Verdict);
        Assert.Contains(RatioWording.TooCloseToCall, endToEnd.Sentence, StringComparison.Ordinal);
        Assert.Contains("too close for this run to tell", endToEnd.Reason, StringComparison.Ordinal);
        Assert.Contains("the verdict stayed as on one thread", ArrivalRaceFindings.ModelOnUsualThreads(race).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_categories_are_stated_as_a_bug()
    {
        var race = Race(featurize: (1, 1), model: (1, 1), endToEnd: (1, 1), usualThreads: (1, 1, 1)) with { SameCategories = false };

        Assert.Contains("NOT identical", ArrivalRaceFindings.Categories(race), StringComparison.Ordinal);
        Assert.Contains("identical both ways for all 512 emails", ArrivalRaceFindings.Categories(race with { SameCategories = true }), StringComparison.Ordinal);
    }

    private static ArrivalRaceResult Race((double One, double Batched) featurize, (double One, double Batched) model, (double One, double Batched) endToEnd,
        (double One, double Batched, int Threads) usualThreads) =>
        new(512, 256, Part(featurize.One, featurize.Batched), Part(model.One, model.Batched), Part(endToEnd.One, endToEnd.Batched),
            Part(usualThreads.One, usualThreads.Batched, usualThreads.Threads), SameCategories: true);

    // 15 rounds, every one alike: a difference is then certain, and equal times are too close to call.
    private static HeadToHeadResult Part(double one, double batched, int threads = 1) =>
        HeadToHead.Judge(ArrivalRace.OneAtATime, ArrivalRace.Batches,
            new RoundTimes(Enumerable.Repeat(one, 15).ToList(), Enumerable.Repeat(batched, 15).ToList(), Enumerable.Repeat(1.0, 15).ToList()), torchThreads: threads);
}
