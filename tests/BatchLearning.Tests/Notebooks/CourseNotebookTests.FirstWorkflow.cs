using BatchLearning.Notebook;
using BatchLearning.Timing;

namespace BatchLearning.Tests.Notebooks;

/// <summary>The first lesson's claims, checked against the numbers of its own run (shipped, and answered under seeds 1 and 2).</summary>
public sealed partial class CourseNotebookTests
{
    [Theory]
    [MemberData(nameof(AllAnswerSets))]
    public async Task First_lesson_finds_the_model_faster_in_batches_each_verdict_agreeing_with_its_numbers_the_same_categories_a_mean_wait_of_half_the_window_and_the_batch_api_at_half_price(AnswerSet answers)
    {
        var run = await NotebookRuns.RunAsync("00-first-workflow.ipynb", answers);
        Assert.True(run.Result.Succeeded, string.Join(Environment.NewLine, run.Result.Errors));
        var texts = run.Executions.Values.SelectMany(e => e.Outputs).Select(o => o.Text).ToList();

        var trained = ShownStatement.Single(run, "the classifier trained");
        Assert.True(trained["accuracy"] > 0.9, trained.Sentence);

        // Step 3: four findings, each verdict agreeing with its numbers; the model alone faster in batches (the verdict the course teaches), identical categories.
        var findings = ShownFinding.AllIn(run);
        Assert.Equal(["The model alone", "Turning text into numbers", "End to end (text to category)"], findings.Take(3).Select(f => f.Subject));
        Assert.StartsWith("The model alone on ", findings[3].Subject, StringComparison.Ordinal);
        Assert.All(findings, f => Assert.True(f.AgreesWithNumbers, f.ToString()));
        Assert.Equal(nameof(HeadToHeadVerdict.SecondFaster), findings[0].ExpectedVerdict);
        Assert.Equal(findings[0].ExpectedVerdict, findings[0].Verdict);
        Assert.Single(texts, t => t.StartsWith("Categories: identical both ways", StringComparison.Ordinal));
        if (answers != AnswerSet.Unanswered)
        {
            // The prediction's check is judged by the same finding and explains with its sentence.
            var check = answers == AnswerSet.Right ? Exercise.Right : Exercise.NotQuite;
            Assert.Single(texts, t => t.StartsWith(check, StringComparison.Ordinal) && t.Contains(findings[0].Sentence, StringComparison.Ordinal));
        }

        // Step 4: one run per five minutes, the mean wait near half the window, p99 under the window, the same categories as at once.
        var day = ShownStatement.Single(run, "a day through the job");
        Assert.Equal(288, day["runs"]);
        Assert.InRange(day["meanWaitMinutes"], 2.25, 2.75);
        Assert.InRange(day["p99WaitMinutes"], 4.5, 5);
        Assert.Equal("same categories", day.Verdict);

        // Step 5: the batch API at half the LLM's real-time price, and the closing sentence agrees with the table.
        var paths = ShownStatement.Single(run, "four paths, priced");
        Assert.InRange(paths["llmBatchSaving"], 0.49, 0.51);
        Assert.True(paths["jobCostPerDay"] <= paths["ownCostPerDay"], paths.Sentence);
        // The LLM paths as real calls to the course's server: 100 requests one per email, 10 packed, one batch file billing the same tokens as one by one.
        var called = ShownStatement.Single(run, "three ways of calling the model");
        Assert.Equal((100, 10), (called["oneEachRequests"], called["packedRequests"]));
        Assert.True(called["packedInputTokens"] < called["oneEachInputTokens"], called.Sentence);
        Assert.Equal((called["oneEachInputTokens"], called["oneEachOutputTokens"]), (called["batchInputTokens"], called["batchOutputTokens"]));
        Assert.Equal("every email classified", called.Verdict);

        var closing = ShownStatement.Single(run, "what the first lesson measured");
        Assert.Equal(paths["jobCostPerDay"] < paths["ownCostPerDay"] ? "job cheaper" : "job not cheaper", closing.Verdict);
        Assert.Equal(day["meanWaitMinutes"], closing["meanWaitMinutes"], 9);
        Report(answers, [trained.Sentence, .. findings.Select(f => f.Sentence), day.Sentence, paths.Sentence, called.Sentence, closing.Sentence]);
    }
}
