namespace BatchLearning.Tests.Notebooks;

/// <summary>The first lesson's claims, checked against the numbers of its own run (shipped, and answered under seeds 1 and 2).</summary>
public sealed partial class CourseNotebookTests
{
    [Theory]
    [MemberData(nameof(AllAnswerSets))]
    public async Task First_lesson_finds_batches_faster_the_same_categories_a_mean_wait_of_half_the_window_and_the_batch_api_at_half_price(AnswerSet answers)
    {
        var run = await NotebookRuns.RunAsync("00-first-workflow.ipynb", answers);
        Assert.True(run.Result.Succeeded, string.Join(Environment.NewLine, run.Result.Errors));
        var texts = run.Executions.Values.SelectMany(e => e.Outputs).Select(o => o.Text).ToList();

        var trained = texts.Single(t => t.StartsWith("Trained on ", StringComparison.Ordinal));
        Assert.True(Number(trained, @"([0-9.]+) % got the right category") > 90, trained);

        // Step 3: the model is faster per email in batches, end to end too, with identical categories.
        var race = texts.Single(t => t.StartsWith("Turning text into numbers took", StringComparison.Ordinal));
        var modelAlone = Number(race, @"The model then took ([0-9.]+) ms per email one at a time");
        var modelBatched = Number(race, @"one at a time and ([0-9.]+) ms in batches");
        Assert.True(modelBatched < modelAlone, race);
        Assert.Contains("x less)", race, StringComparison.Ordinal);
        Assert.True(Number(race, @"End to end: [0-9.]+ against ([0-9.]+) ms") < Number(race, @"End to end: ([0-9.]+) against"), race);
        Assert.Contains("Categories identical both ways", race, StringComparison.Ordinal);

        // Step 4: one run per five minutes, the mean wait near half the window, p99 under the window, the same categories as at once.
        var day = texts.Single(t => t.Contains(" runs classified ", StringComparison.Ordinal));
        Assert.Equal(288, Number(day, @"^([0-9]+) runs"));
        Assert.InRange(Number(day, @"Mean wait ([0-9.]+) min"), 2.25, 2.75);
        Assert.InRange(Number(day, @"p99 ([0-9.]+) min"), 4.5, 5);
        Assert.Contains("Categories identical to classifying the day at once", day, StringComparison.Ordinal);

        // Step 5: the batch API at half the LLM's real-time price, and the closing sentence agrees with the table.
        var paths = texts.Single(t => t.StartsWith("Cheapest: ", StringComparison.Ordinal));
        Assert.InRange(Number(paths, @"through the batch API \(([0-9]+) % less\)"), 49, 51);
        var own = Number(paths, @"in real time for \$([0-9.]+) a day");
        var job = Number(paths, @"\(median\) for \$([0-9]+(?:\.[0-9]+)?)");
        Assert.True(job <= own, paths);
        var closing = texts.Single(t => t.StartsWith("On this machine: one email alone took", StringComparison.Ordinal));
        Assert.Equal(job < own, closing.Contains("less than keeping a machine up", StringComparison.Ordinal));
        Report(answers, [trained, race, day, paths, closing]);
    }
}
