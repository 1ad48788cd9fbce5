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

        var trained = texts.Single(t => t.StartsWith("Trained on ", StringComparison.Ordinal));
        Assert.True(Number(trained, @"([0-9.]+) % got the right category") > 90, trained);

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
        // The LLM paths as real calls to the course's server: 100 requests one per email, 10 packed, one batch file billing the same tokens as one by one.
        var called = texts.Single(t => t.StartsWith("The same 100 emails: one per request, 100 requests billed ", StringComparison.Ordinal));
        Assert.Contains("ten per request, 10 requests billed ", called, StringComparison.Ordinal);
        var plain = called.Replace(",", "", StringComparison.Ordinal);
        Assert.True(Number(plain, @"ten per request 10 requests billed ([0-9]+)") < Number(plain, @"one per request 100 requests billed ([0-9]+) input"), called);
        Assert.Contains("the batch file billed the same tokens as one per request", called, StringComparison.Ordinal);
        Assert.EndsWith("Every email came back classified.", called, StringComparison.Ordinal);

        var closing = texts.Single(t => t.StartsWith("On this machine: one email alone took", StringComparison.Ordinal));
        Assert.Equal(job < own, closing.Contains("less than keeping a machine up", StringComparison.Ordinal));
        Report(answers, [trained, .. findings.Select(f => f.Sentence), day, paths, called, closing]);
    }
}
