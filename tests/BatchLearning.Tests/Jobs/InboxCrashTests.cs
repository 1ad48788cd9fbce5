using System.Diagnostics;
using System.Text.Json;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Tests.Support;
using BatchLearning.Training;

namespace BatchLearning.Tests.Jobs;

/// <summary>
/// The batch job as a real process (the CLI's <c>inbox run --once</c>), killed with SIGKILL at random points while it commits, then restarted:
/// the final results must equal those of an uninterrupted run, with nothing missing and nothing twice.
/// It runs after the parallel tests (it starts some twenty processes, which would slow the notebooks running beside it).
/// </summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TimingCollection.Name)]
public sealed class InboxCrashTests
{
    private const int Kills = 20;

    [Fact]
    public async Task Killing_the_job_at_20_random_points_and_restarting_gives_exactly_the_uninterrupted_results()
    {
        var folder = Repository.NewTemporaryFolder();
        var model = Path.Combine(folder, "model");
        var train = EmailGenerator.SeveralDays(1500, new DateOnly(2026, 1, 5), days: 2, seed: 1);
        var (classifier, _) = EmailClassifier.Train(train, new TrainingOptions(64, TrainingBudget.OfEpochs(1), OptimizerSettings.Adam(0.002)));
        classifier.Save(model);
        classifier.Dispose();

        var inbox = Path.Combine(folder, "inbox.jsonl");
        var emails = EmailGenerator.Day(6000, new DateOnly(2026, 3, 2), seed: 2);
        var random = new Random(3);
        File.WriteAllText(inbox, string.Concat(emails.Select((e, i) => EmailJson.ToLine(e with { Category = null }) + "\n" + (i % 250 == 0 ? "{broken line " + i + "\n" : ""))));

        // The reference: one uninterrupted run, in this process, with the same commit size.
        var referenceInbox = Path.Combine(folder, "reference.jsonl");
        File.Copy(inbox, referenceInbox);
        using (var loaded = EmailClassifier.Load(model))
        using (var job = InboxBatchJob.Open(new InboxJobOptions(referenceInbox, Path.Combine(folder, "reference")) { MaxEmailsPerCommit = 5 }, loaded))
        {
            job.RunOnce();
        }

        var output = Path.Combine(folder, "crashed");
        var checkpoint = Path.Combine(output, "checkpoint.json");
        var kills = 0;
        var attempts = 0;
        while (kills < Kills && attempts++ < 60)
        {
            var before = Commits(checkpoint);
            using var process = StartJob(inbox, model, output);
            // Wait until the job has committed at least once in this life, then kill it a random moment later.
            while (!process.HasExited && Commits(checkpoint) == before)
            {
                await Task.Delay(2);
            }

            await Task.Delay(random.Next(0, 25));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                kills++;
            }
        }

        using (var last = StartJob(inbox, model, output))
        {
            await last.WaitForExitAsync();
            Assert.True(last.ExitCode == 0, await last.StandardError.ReadToEndAsync());
        }

        Assert.True(kills >= Kills, $"only {kills} kills landed while the job was running");
        var expected = InboxBatchJob.ReadResults(Path.Combine(folder, "reference")).Select(r => (r.Id, r.Category)).ToList();
        var actual = InboxBatchJob.ReadResults(output).Select(r => (r.Id, r.Category)).ToList();
        Assert.Equal(6000, expected.Count);
        Assert.Equal(expected, actual);
        Assert.Equal(actual.Count, actual.Select(r => r.Id).Distinct().Count());
        Assert.Equal(
            InboxBatchJob.ReadDeadLetters(Path.Combine(folder, "reference")).Select(d => d.Line),
            InboxBatchJob.ReadDeadLetters(output).Select(d => d.Line));
    }

    private static int Commits(string checkpoint)
    {
        try
        {
            return File.Exists(checkpoint) ? JsonDocument.Parse(File.ReadAllText(checkpoint)).RootElement.GetProperty("Commits").GetInt32() : 0;
        }
        catch (Exception error) when (error is IOException or JsonException)
        {
            return -1; // being replaced right now: read again on the next poll
        }
    }

    private static Process StartJob(string inbox, string model, string output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "BatchLearning.Cli.dll"), "inbox", "run", "--inbox", inbox, "--model", model, "--output", output, "--once", "--max-per-commit", "5" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.StandardOutput.ReadToEndAsync();
        return process;
    }
}
