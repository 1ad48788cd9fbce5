using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Jobs;

public sealed class InboxReplayTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    // Predicts each email's label (Work when it has none), sure of it (0.9), except the new spam of a drift, which it takes for Promotions (0.4).
    internal static IReadOnlyList<EmailPrediction> Fake(IReadOnlyList<EmailMessage> emails) => emails.Select(e =>
    {
        var drifted = e.Sender.Contains("coinvault", StringComparison.Ordinal) || e.Sender.Contains("tokenmint", StringComparison.Ordinal)
            || e.Sender.Contains("stakepool", StringComparison.Ordinal) || e.Sender.Contains("chainbridge", StringComparison.Ordinal);
        var category = drifted ? EmailCategory.Promotions : e.Category ?? EmailCategory.Work;
        var confidence = drifted ? 0.4 : 0.9;
        return new EmailPrediction(category, confidence, Enum.GetValues<EmailCategory>().Select(c => c == category ? confidence : (1 - confidence) / 4).ToArray());
    }).ToList();

    private static InboxReplay NewReplay() => InboxReplay.Create(Midnight);

    [Fact]
    public void A_day_in_five_minute_windows_runs_288_times_and_classifies_every_email_once_with_the_malformed_lines_as_dead_letters()
    {
        using var replay = NewReplay();
        var mail = EmailGenerator.Day(1000, new DateOnly(2026, 3, 2), seed: 3);

        var day = replay.RunDay(mail, Fake, new InboxReplayOptions { MalformedLineEvery = 300 });

        Assert.Equal(288, day.Runs.Count);
        Assert.Equal(288, day.Metrics.Count);
        Assert.Empty(day.Failures);
        Assert.Equal(Midnight.AddDays(1), replay.Clock.GetUtcNow());
        Assert.Equal(new InboxAudit(1000, 3, 1000, 0, 0, 3), replay.Audit());
        Assert.Equal(mail.Select(e => e.Id), InboxBatchJob.ReadResults(replay.OutputDirectory).Select(r => r.Id));
        Assert.All(InboxBatchJob.ReadResults(replay.OutputDirectory), r => Assert.InRange(r.Latency, TimeSpan.Zero, TimeSpan.FromMinutes(5)));
        // The metrics come from the meter: emails per run, dead letters, the backlog before each run (what arrived in its window).
        Assert.Equal(day.Succeeded.Select(r => r.Classified), day.Metrics.Select(m => m.Emails));
        Assert.Equal(3, day.Metrics.Sum(m => m.DeadLetters));
        Assert.Equal(day.Succeeded.Select(r => r.Classified + r.DeadLetters), day.Metrics.Select(m => m.BacklogEmails));
        Assert.Equal(day.Succeeded.Select(r => r.EndOffset - r.StartOffset), day.Metrics.Select(m => m.BacklogBytes));
        Assert.All(day.Metrics, m => Assert.InRange(m.OldestWaitingSeconds, 0, 300));
        Assert.All(day.Metrics.Where(m => m.Emails > 0), m => Assert.Equal(0.9, m.MeanConfidence, 9));
        Assert.All(day.Metrics, m => Assert.Equal(0, m.Labelled)); // labels dropped by default
    }

    [Fact]
    public void While_writes_fail_every_run_fails_the_backlog_ages_and_the_first_run_after_commits_it_all()
    {
        using var replay = NewReplay();
        var mail = EmailGenerator.Day(2000, new DateOnly(2026, 3, 2), seed: 4);

        var day = replay.RunDay(mail, Fake, new InboxReplayOptions { WritesFailFrom = new TimeOnly(13, 0), WritesFailFor = TimeSpan.FromHours(1) });

        var failed = day.Metrics.Where(m => !m.Succeeded).ToList();
        Assert.Equal(12, failed.Count);
        Assert.All(failed, m => Assert.InRange(m.At.TimeOfDay, TimeSpan.FromHours(13), TimeSpan.FromMinutes(13 * 60 + 55)));
        Assert.Equal(12, day.Failures.Count);
        var recovery = day.Metrics.Single(m => m.At == Midnight.AddHours(14));
        var waitingSince1255 = mail.Count(e => e.ReceivedAt >= Midnight.AddMinutes(12 * 60 + 55) && e.ReceivedAt < Midnight.AddHours(14));
        Assert.Equal(waitingSince1255, recovery.Emails);
        Assert.Equal(waitingSince1255, recovery.BacklogEmails);
        Assert.InRange(recovery.OldestWaitingSeconds / 60, 60, 65);
        Assert.Equal(new InboxAudit(2000, 0, 2000, 0, 0, 0), replay.Audit());
    }

    [Fact]
    public void With_labels_kept_and_drift_the_meter_shows_agreement_and_confidence_falling_and_the_timeline_finds_when()
    {
        using var replay = NewReplay();
        var mail = EmailGenerator.Day(3000, new DateOnly(2026, 3, 2), seed: 5, drift: new EmailDrift(Midnight.AddHours(6), SharePerDay: 1, MaxShare: 0.5));

        var day = replay.RunDay(mail, Fake, new InboxReplayOptions { KeepLabels = true, Window = TimeSpan.FromMinutes(10) });
        var timeline = new InboxMetricsTimeline(day.Metrics);

        Assert.Equal(144, day.Runs.Count);
        Assert.Equal(24, timeline.Buckets.Count);
        Assert.Equal(3000, day.Metrics.Sum(m => m.Labelled));
        Assert.All(timeline.Buckets.Take(6), b => Assert.Equal(1, b.Agreement)); // before the drift starts
        Assert.True(timeline.Buckets[^1].Agreement < 0.75, $"agreement {timeline.Buckets[^1].Agreement} at the end of the day");
        Assert.True(timeline.Buckets[^1].MeanConfidence < timeline.Buckets[0].MeanConfidence);
        var alert = timeline.FirstBelow(b => b.Agreement, 0.9);
        Assert.NotNull(alert);
        Assert.True(alert.Start > Midnight.AddHours(6), $"alert at {alert.Start}");
        Assert.True(timeline.Buckets.Where(b => b.Start < alert.Start && b.Predicted >= 50).All(b => b.Agreement >= 0.9));
        Assert.Equal(3000, timeline.Buckets.Sum(b => b.Categories.Values.Sum()));
        Assert.Equal(2, timeline.QualityChart("quality").Series.Count);
        Assert.Equal(5, timeline.CategoriesChart("categories").Series.Count);
        Assert.Equal(144, timeline.BacklogChart("backlog").Series[0].X.Count);
    }

    [Fact]
    public void A_second_day_goes_on_from_the_first_and_the_audit_counts_both()
    {
        using var replay = NewReplay();
        var days = EmailGenerator.SeveralDays(800, new DateOnly(2026, 3, 2), days: 2, seed: 6);

        replay.RunDay(days.Where(e => e.ReceivedAt < Midnight.AddDays(1)).ToList(), Fake);
        var second = replay.RunDay(days.Where(e => e.ReceivedAt >= Midnight.AddDays(1)).ToList(), Fake);

        Assert.Equal(Midnight.AddDays(1).AddMinutes(5), second.Metrics[0].At);
        Assert.Equal(new InboxAudit(800, 0, 800, 0, 0, 0), replay.Audit());
    }

    [Fact]
    public void A_stretch_of_a_day_runs_until_its_end_and_no_further()
    {
        var eight = Midnight.AddHours(8);
        using var replay = InboxReplay.Create(eight);
        var morning = EmailGenerator.Day(2000, new DateOnly(2026, 3, 2), seed: 10).Where(e => e.ReceivedAt >= eight && e.ReceivedAt < eight.AddHours(4)).ToList();

        var runs = replay.RunUntil(eight.AddHours(4), morning, Fake, new InboxReplayOptions { Window = TimeSpan.FromMinutes(15) });

        Assert.Equal(16, runs.Runs.Count);
        Assert.Equal(eight.AddHours(4), replay.Clock.GetUtcNow());
        Assert.Equal(morning.Count, replay.Audit().Results);
        Assert.Equal("until", Assert.Throws<ArgumentOutOfRangeException>(() => replay.RunUntil(eight, [], Fake)).ParamName);
        Assert.Equal("until", Assert.Throws<ArgumentOutOfRangeException>(() => replay.RunUntil(eight.AddDays(40), [], Fake)).ParamName);
    }

    [Fact]
    public async Task Feeding_appends_in_real_time_in_order()
    {
        using var replay = NewReplay();
        var mail = EmailGenerator.Day(60, new DateOnly(2026, 3, 2), seed: 7);

        await replay.FeedAsync(mail, emailsPerSecond: 300, new InboxReplayOptions { MalformedLineEvery = 25 }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(mail.Select(e => e.Id), replay.AppendedIds);
        Assert.Equal(2, replay.MalformedLines);
        Assert.Equal(62, File.ReadAllLines(replay.InboxPath).Length);
        Assert.Equal(new InboxReplayProgress(new FileInfo(replay.InboxPath).Length, 0, 0, 0), replay.Progress());
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_value()
    {
        using var replay = NewReplay();
        var tomorrow = EmailGenerator.Day(5, new DateOnly(2026, 3, 3), seed: 8);

        var late = Assert.Throws<ArgumentException>(() => replay.RunDay(tomorrow, Fake));
        Assert.Equal("mail", late.ParamName);
        Assert.Contains(tomorrow[0].Id, late.Message, StringComparison.Ordinal);
        Assert.Equal("Window", Assert.Throws<ArgumentOutOfRangeException>(() => replay.RunDay([], Fake, new InboxReplayOptions { Window = TimeSpan.FromSeconds(10) })).ParamName);
        Assert.Equal("MalformedLineEvery", Assert.Throws<ArgumentOutOfRangeException>(() => replay.Append([], new InboxReplayOptions { MalformedLineEvery = -1 })).ParamName);
        Assert.Equal("emailsPerSecond", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => replay.FeedAsync(tomorrow, 0))).ParamName);
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => new InboxMetricsTimeline([])).ParamName);
    }

    [Fact]
    public void A_new_replay_removes_the_temporary_folders_of_processes_that_ended_without_disposing_theirs()
    {
        using var ended = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        ended.WaitForExit();
        using var first = NewReplay();
        var root = Path.GetDirectoryName(first.Folder)!;
        var leftover = Directory.CreateDirectory(Path.Combine(root, $"batchlearning-inbox-{ended.Id}-{Guid.NewGuid():N}")).FullName;
        File.WriteAllText(Path.Combine(leftover, "inbox.jsonl"), "");

        using var second = NewReplay();

        Assert.False(Directory.Exists(leftover));
        Assert.True(Directory.Exists(first.Folder), "a folder of a process that still runs is kept");
        Assert.StartsWith($"batchlearning-inbox-{Environment.ProcessId}-", Path.GetFileName(second.Folder), StringComparison.Ordinal);
    }

    [Fact]
    public void A_replay_in_a_given_folder_creates_it_and_disposing_deletes_it()
    {
        var replay = InboxReplay.Create(Midnight, Path.Combine(Repository.NewTemporaryFolder(), "replay"));
        Assert.True(File.Exists(replay.InboxPath));
        replay.Append(EmailGenerator.Day(3, new DateOnly(2026, 3, 2), seed: 9));

        replay.Dispose();

        Assert.False(Directory.Exists(replay.Folder));
    }
}
