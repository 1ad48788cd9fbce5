using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Tests.Support;
using BatchLearning.Training;

namespace BatchLearning.Tests.Jobs;

/// <summary>
/// The worker service as a real child process (the build beside the tests): killed with SIGKILL in the middle of a run and restarted, refused its writes by a
/// file-size limit, stopped with SIGTERM; nothing is lost or classified twice, and its logs say what happened. Runs after the parallel tests (it starts processes).
/// </summary>
[Trait(Tier.Name, Tier.Full)]
[Collection(TimingCollection.Name)]
public sealed class InboxWorkerProcessTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<string> Model = new(TrainSmallModel);

    private static string TrainSmallModel()
    {
        var folder = Path.Combine(Repository.NewTemporaryFolder(), "model");
        var (classifier, _) = EmailClassifier.Train(EmailGenerator.Day(300, new DateOnly(2026, 1, 5), seed: 1), new TrainingOptions(64, TrainingBudget.OfEpochs(1), OptimizerSettings.Adam(0.002)), hidden: 16);
        using (classifier)
        {
            classifier.Save(folder);
        }

        return folder;
    }

    [Fact]
    [Trait("Category", "Torch")]
    public async Task Killed_mid_run_and_restarted_the_worker_loses_nothing_and_classifies_nothing_twice_and_logs_where_it_resumes()
    {
        using var replay = InboxReplay.Create(Midnight);
        var mail = EmailGenerator.Day(3000, new DateOnly(2026, 3, 2), seed: 2);
        replay.Append(mail.Take(2000), new InboxReplayOptions { MalformedLineEvery = 700 });
        var settings = replay.WorkerSettings(Model.Value) with { MaxEmailsPerCommit = 100 };

        InboxReplayProgress atKill;
        using (var first = InboxWorkerProcess.Start(settings))
        {
            await first.WaitForCommitsAsync(2);
            first.Kill();
            atKill = replay.Progress();
            Assert.NotEqual(0, first.ExitCode);
        }

        Assert.True(atKill.UncommittedBytes > 0, "the kill came in the middle of the run, with mail left to commit");
        var feeding = replay.FeedAsync(mail.Skip(2000).ToList(), emailsPerSecond: 2000);
        using var second = InboxWorkerProcess.Start(settings);
        var resumed = await second.WaitForLogAsync(l => l.Message.StartsWith("Starting from the checkpoint", StringComparison.Ordinal));
        await feeding;
        await second.WaitUntilCaughtUpAsync();
        Assert.Equal(0, replay.Progress().UncommittedBytes);
        Assert.Equal(0, await second.StopAsync());

        Assert.Contains($"{atKill.CommittedBytes} inbox bytes already committed", resumed.Message, StringComparison.Ordinal);
        Assert.Equal(new InboxAudit(3000, 2, 3000, 0, 0, 2), replay.Audit());
        Assert.Equal(0, replay.Progress().HalfWrittenFiles);
        var deadLetters = second.Logs.First(l => l.Level == "Warning");
        Assert.Contains("could not be read and went to the dead letters", deadLetters.Message, StringComparison.Ordinal);
        Assert.Contains(second.Logs, l => l.Message.StartsWith("Stopped after", StringComparison.Ordinal));
        Assert.All(second.Logs, l => Assert.NotEqual("Output", l.Level)); // every line was a JSON log event
    }

    [Fact]
    [Trait("Category", "Torch")]
    public async Task Under_a_file_size_limit_every_run_fails_and_is_logged_and_a_restart_without_it_commits_everything()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // ulimit -f needs Linux or macOS
        }

        using var replay = InboxReplay.Create(Midnight);
        replay.Append(EmailGenerator.Day(500, new DateOnly(2026, 3, 2), seed: 3));
        var settings = replay.WorkerSettings(Model.Value);

        using (var limited = InboxWorkerProcess.Start(settings with { FileSizeLimitBytes = 16 * 1024 }))
        {
            var failure = await limited.WaitForLogAsync(l => l.Level == "Error", count: 2);
            Assert.Contains("failed; nothing uncommitted is kept", failure.Message, StringComparison.Ordinal);
            Assert.Contains("too large", failure.Message, StringComparison.Ordinal);
            Assert.NotNull(failure.Exception);
            Assert.Equal(0, await limited.StopAsync());
        }

        Assert.Equal(0, replay.Progress().CommittedBytes);
        using (var freed = InboxWorkerProcess.Start(settings))
        {
            await freed.WaitForLogAsync(l => l.Message.StartsWith("Run 1: 500 emails classified", StringComparison.Ordinal));
            Assert.Equal(0, await freed.StopAsync());
        }

        Assert.Equal(new InboxAudit(500, 0, 500, 0, 0, 0), replay.Audit());
    }

    [Fact]
    public void Bad_settings_are_refused_before_any_process_starts()
    {
        var settings = new InboxWorkerSettings("inbox.jsonl", "model", "out");

        Assert.Equal("FileSizeLimitBytes", Assert.Throws<ArgumentOutOfRangeException>(() => InboxWorkerProcess.Start(settings with { FileSizeLimitBytes = 10 })).ParamName);
        Assert.Equal("Inbox", Assert.Throws<ArgumentException>(() => InboxWorkerProcess.Start(settings with { Inbox = " " })).ParamName);
    }
}
