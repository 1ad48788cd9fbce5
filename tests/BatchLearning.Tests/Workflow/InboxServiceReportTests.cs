using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Workflow;

namespace BatchLearning.Tests.Workflow;

/// <summary>Notebook 06's statements as findings (issue 27): each branch of their wording on fixed numbers.</summary>
public sealed class InboxServiceReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 12, 0, 0, 0, TimeSpan.Zero);

    private static List<ClassifiedEmail> Waited(params double[] seconds) =>
        [.. seconds.Select((s, i) => new ClassifiedEmail($"e{i}", EmailCategory.Work, Start, Start.AddSeconds(s)))];

    [Fact]
    public void Waits_spread_evenly_over_the_window_agree_with_the_formula_and_others_do_not()
    {
        var even = JobWaits.Of(Waited([.. Enumerable.Range(0, 300).Select(s => s + 0.5)]), TimeSpan.FromMinutes(5));
        var late = JobWaits.Of(Waited([.. Enumerable.Range(0, 300).Select(_ => 290.0)]), TimeSpan.FromMinutes(5));

        Assert.Equal(150, even.MeanSeconds, 6);
        Assert.Equal(297, even.FormulaP99Seconds, 6);
        Assert.Equal("agrees with the formula", even.Describe(sameAsAtOnce: true).Verdict);
        Assert.EndsWith("as the formula says. The batch job's categories are identical to classifying the whole day at once: batching changes when, not what.",
            even.Describe(sameAsAtOnce: true).Text, StringComparison.Ordinal);
        Assert.Equal("does not agree with the formula", late.Describe(sameAsAtOnce: false).Verdict);
        Assert.Contains("further than 5 % from the formula", late.Describe(sameAsAtOnce: false).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("not what", late.Describe(sameAsAtOnce: false).Text, StringComparison.Ordinal);
        Assert.EndsWith("the mean is T/2 = 150 s.", even.ExplainMean(), StringComparison.Ordinal);
        Assert.StartsWith("over 300 emails the mean wait was 290 s.", late.ExplainMean(), StringComparison.Ordinal);
    }

    [Fact]
    public void Waits_refuse_an_empty_day_and_a_window_of_zero_naming_the_argument()
    {
        Assert.Equal("results", Assert.Throws<ArgumentOutOfRangeException>(() => JobWaits.Of([], TimeSpan.FromMinutes(5))).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => JobWaits.Of(Waited(1), TimeSpan.Zero)).ParamName);
    }

    [Fact]
    public void The_job_day_names_the_first_dead_letter_and_says_when_no_run_classified_anything()
    {
        var day = new InboxReplayDay([new JobRunResult(1, 40, 1, 0, 100, 0.012), new JobRunResult(0, 0, 0, 100, 100, 0.001), null], ["writes refused"], []);
        var idle = new InboxReplayDay([new JobRunResult(0, 0, 0, 0, 0, 0.001)], [], []);

        var finding = InboxServiceReport.JobDay(day, 40, [new DeadLetter(50, "not JSON", "{")]);

        Assert.Equal("2 runs, 40 emails classified, 1 dead letters (the first: not JSON); the busiest run classified 40 emails in 12 ms, 1 runs found nothing new.", finding.Text);
        Assert.Equal(1, finding.Numbers["failedRuns"]);
        Assert.Equal("1 runs, 0 emails classified, 0 dead letters; no run classified anything, 1 runs found nothing new.", InboxServiceReport.JobDay(idle, 0, []).Text);
    }

    [Theory]
    [InlineData(0, 0, 137, 137, "none lost or repeated", "was killed twice in the middle of a run: ", "none")]
    [InlineData(3, 0, 137, 137, "some lost or repeated", "3 lost, 0 classified twice", "a few")]
    [InlineData(0, 250, 137, 0, "some lost or repeated", "was killed once in the middle of a run", "hundreds")]
    public void The_audit_says_what_was_lost_and_how_the_worker_was_killed(int lost, int duplicated, int firstExit, int secondExit, string verdict, string wording, string choice)
    {
        var audit = new InboxAudit(6000, 6, 6000 - lost + duplicated, lost, duplicated, 6);
        var lives = new List<InboxWorkerLife>
        {
            new("killed", 2, 0, 500, 1, firstExit), new("killed", 2, 0, 300, 0, secondExit), new("stopped", 20, 0, 0, 0, 0),
        };

        var finding = InboxServiceReport.Audit(audit, lives);

        Assert.Equal(verdict, finding.Verdict);
        Assert.Contains(wording, finding.Text, StringComparison.Ordinal);
        Assert.EndsWith("The last start exited with 0 after an orderly stop.", finding.Text, StringComparison.Ordinal);
        Assert.Equal(choice, InboxServiceReport.LostOrRepeated(audit));
        Assert.Equal(lost + duplicated == 0, InboxServiceReport.ExplainAudit(audit).Contains("each email is committed once", StringComparison.Ordinal));
    }

    [Fact]
    public void The_audit_of_a_worker_never_killed_and_still_running_says_so()
    {
        var finding = InboxServiceReport.Audit(new InboxAudit(10, 0, 10, 0, 0, 0), [new InboxWorkerLife("running", 1, 0, 0, 0, null)]);

        Assert.Contains("while the worker was never killed: ", finding.Text, StringComparison.Ordinal);
        Assert.EndsWith("ended with exit code unknown (still running).", finding.Text, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => InboxServiceReport.Audit(new InboxAudit(0, 0, 0, 0, 0, 0), []));
    }

    [Theory]
    [InlineData(1000, 1000, "nothing committed", "Nothing was committed (2,000 bytes still wait)")]
    [InlineData(1000, 1500, "some committed", "500 bytes were committed all the same (1,500 bytes still wait)")]
    public void Refused_writes_say_whether_anything_was_committed(long before, long after, string verdict, string wording)
    {
        var error = new WorkerLogEntry("13:00:01.000", "Error", "BatchLearning.Worker.InboxWorker", "Run failed; nothing uncommitted is kept.", null);

        var finding = InboxServiceReport.WritesRefused(error, new InboxReplayProgress(3000, before, 1, 0), new InboxReplayProgress(3000, after, 1, 0), exitCode: 0);

        Assert.Equal(verdict, finding.Verdict);
        Assert.Contains(wording, finding.Text, StringComparison.Ordinal);
        Assert.EndsWith("on SIGTERM it exited with 0.", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_worker_logged_carries_the_checkpoint_it_resumed_from()
    {
        var resumed = new WorkerLogEntry("00:00:01.000", "Information", "BatchLearning.Worker.InboxWorker", "Starting from the checkpoint: 4096 inbox bytes already committed, 10 bytes waiting.", null)
        {
            State = new Dictionary<string, string> { ["Committed"] = "4096", ["Waiting"] = "10" },
        };
        var warned = new WorkerLogEntry("00:00:02.000", "Warning", "BatchLearning.Worker.InboxWorker", "A line could not be read and went to the dead letters.", null);

        var finding = InboxServiceReport.Logged(resumed, warned);

        Assert.Equal(4096, finding.Numbers["resumedAtCommittedBytes"]);
        Assert.True(double.IsNaN(InboxServiceReport.Logged(warned, warned).Numbers["resumedAtCommittedBytes"]));
    }

    [Theory]
    [InlineData(12.0, 0.15, "start per run cheaper", true)]
    [InlineData(86_000.0, 30, "keep up cheaper", false)]
    public void The_job_cost_says_when_the_billing_minimum_dominates(double processingSecondsPerDay, double processStartSeconds, string verdict, bool dominates)
    {
        var machine = new GpuPrice("m7g.large", "test machine", 0.0816, new DateOnly(2026, 6, 17), "test");
        var startUp = new JobStartUp(TimeSpan.FromSeconds(processStartSeconds), TimeSpan.FromSeconds(0.05));
        var perRun = Enumerable.Repeat(TimeSpan.FromSeconds(processingSecondsPerDay / 288), 288).ToList();
        var cost = ScheduledJobCost.Estimate(machine, startUp.Total, perRun, BillingRule.Ec2PerSecond);

        var finding = InboxServiceReport.JobCost(cost, startUp);

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(dominates, finding.Text.Contains("the billing minimum per start dominates", StringComparison.Ordinal));
        Assert.StartsWith(FormattableString.Invariant($"Measured start of a run: {processStartSeconds:0.00} s to start a .NET process and 50.0 ms to load the model."), finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_estimate_counts_input_tokens_and_caps_the_answers()
    {
        var counted = new BatchLearning.Prompts.ClassificationTokens("o200k_base", true, 100, 20, 30.5, 1.2);
        var cost = new ApiCost("gpt-4o-mini", ProcessingMode.Batch, 0.0001, 0.1, 0.01, 0.3, new DateOnly(2026, 11, 29), "test");

        var finding = InboxServiceReport.BatchEstimate(counted, cost);

        Assert.Equal(100 * 50.5, finding.Numbers["inputTokens"]);
        Assert.StartsWith("Estimated before sending: 100 requests, 5,050 input tokens (o200k_base) and at most 500 output tokens: $0.01", finding.Text, StringComparison.Ordinal);
        var realTime = cost with { Mode = ProcessingMode.RealTime, PerDay = 0.02 };
        Assert.Equal("batch cheaper", InboxServiceReport.LlmRealTimeAgainstBatch(realTime, cost).Verdict);
        Assert.Equal("batch not cheaper", InboxServiceReport.LlmRealTimeAgainstBatch(cost, cost).Verdict);
    }

    [Theory]
    [InlineData(0.9, 0.85, "alert fired")]
    [InlineData(0.5, double.NaN, "no alert")]
    public void The_drift_alarm_fires_in_the_first_hour_below_the_level_and_says_never_otherwise(double level, double alertHour, string verdict)
    {
        var drift = new EmailDrift(Start.AddHours(6), SharePerDay: 0.8);
        var timeline = new InboxMetricsTimeline([.. Enumerable.Range(1, 12).Select(h => Hour(h, h <= 6 ? 0.95 : h <= 8 ? 0.92 : 0.85))]);

        var alarm = DriftAlarm.Watch(timeline, drift, level);
        var finding = alarm.Describe();

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(0.95, finding.Numbers["agreementBefore"], 6);
        Assert.Equal(double.IsNaN(alertHour) ? double.NaN : 8, finding.Numbers["alertHour"]);
        Assert.Contains(double.IsNaN(alertHour) ? "never this day" : "in the hour from 08:00, with the new spam at", finding.Text, StringComparison.Ordinal);
        Assert.Equal("restored", alarm.DescribeRetraining(1000, 0.97, 0.9, 0.8).Verdict);
        Assert.Equal("not restored", alarm.DescribeRetraining(1000, 0.7, 0.9, 0.8).Verdict);
        Assert.Throws<ArgumentOutOfRangeException>(() => DriftAlarm.Watch(timeline, drift, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => DriftAlarm.Watch(timeline, drift with { Start = Start }, 0.9));
    }

    [Theory]
    [InlineData(3.0, "kept up")]
    [InlineData(9.0, "fell behind")]
    public void The_backlog_says_whether_the_job_kept_up_outside_the_failures(double calmMinutes, string verdict)
    {
        var runs = new List<InboxRunMetrics>
        {
            new() { At = Start.AddMinutes(5), Succeeded = true, Emails = 10, OldestWaitingSeconds = calmMinutes * 60 },
            new() { At = Start.AddMinutes(10), Succeeded = false, OldestWaitingSeconds = 600, BacklogEmails = 30, BacklogBytes = 4096 },
            new() { At = Start.AddMinutes(15), Succeeded = true, Emails = 40, DurationSeconds = 0.02, OldestWaitingSeconds = 900, DeadLetters = 1 },
        };

        var finding = InboxBacklogReport.Describe(new InboxMetricsTimeline(runs), TimeSpan.FromMinutes(5));

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(15, finding.Numbers["worstOldestWaitingMinutes"]);
        Assert.Equal(calmMinutes, finding.Numbers["calmOldestWaitingMinutes"]);
        Assert.Contains("the first run after the failures committed 40 emails in 20 ms", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backlog_with_no_failure_names_no_recovery()
    {
        var finding = InboxBacklogReport.Describe(new InboxMetricsTimeline([new InboxRunMetrics { At = Start.AddMinutes(5), Succeeded = true, OldestWaitingSeconds = 290 }]), TimeSpan.FromMinutes(5));

        Assert.Equal("kept up", finding.Verdict);
        Assert.DoesNotContain("first run after the failures", finding.Text, StringComparison.Ordinal);
        Assert.True(double.IsNaN(finding.Numbers["recoveryEmails"]));
    }

    [Theory]
    [InlineData(1.0, 2.0, "split cheaper", "less than $2.00")]
    [InlineData(2.0, 2.0, "split not cheaper", "no less than $2.00")]
    public void The_split_says_whether_it_costs_less_than_everything_in_real_time(double split, double everything, string verdict, string wording)
    {
        var finding = new UrgencySplit(100, 1000, 3.5, 50, 297, 100, 1.96, 12, split, everything, 10).Describe();

        Assert.Equal(verdict, finding.Verdict);
        Assert.Contains(wording, finding.Text, StringComparison.Ordinal);
        Assert.StartsWith("Both paths: urgent mail (100 emails, 10 %) answered in real time, p99 3.5 ms over 100 of them replayed at 50 a second;", finding.Text, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new UrgencySplit(2000, 1000, 3.5, 50, 297, 100, 1.96, 12, split, everything, 10).Describe());
    }

    [Theory]
    [InlineData(0, "nothing lost", "; bad lines became dead letters.")]
    [InlineData(2, "check the job", "find the commit that was not atomic")]
    public void The_advice_repeats_the_run_s_numbers_and_warns_when_the_audit_found_a_loss(int lost, string verdict, string wording)
    {
        var drift = new EmailDrift(Start.AddHours(6), 0.8);
        var alarm = new DriftAlarm(drift, 0.9, 0.95, 0.9, null, null, new InboxMetricsBucket { Start = Start.AddHours(23), Agreement = 0.8, MeanConfidence = 0.7 });
        var waits = JobWaits.Of(Waited(100, 200), TimeSpan.FromMinutes(5));

        var advice = new InboxServiceAdvice(new UrgencySplit(100, 1000, 3.5, 50, 297, 100, 1.96, 12, 1, 2, 10), waits, new InboxAudit(10, 0, 10 - lost, lost, 0, 0),
            61, alarm, 0.97, 0.06, 20_000, 2, 0).Advice();

        Assert.Equal(verdict, advice.Verdict);
        Assert.Equal(5, advice.Text.Split('\n').Length);
        Assert.Contains(wording, advice.Text, StringComparison.Ordinal);
        Assert.Contains("on agreement (it stayed above 90 % all day) and on a drop in confidence (it stayed within 0.05 of its usual level all day)", advice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pasted_log_makes_an_email_long_and_refuses_zero_lines()
    {
        var email = EmailGenerator.Day(1, new DateOnly(2026, 3, 10), seed: 1)[0];

        var pasted = EmailGenerator.WithPastedLog(email, 1_500);

        Assert.EndsWith("09:24:59 WARN /data full", pasted.Body, StringComparison.Ordinal);
        Assert.Equal(1_500, pasted.Body.Split('\n').Count(l => l.EndsWith("WARN /data full", StringComparison.Ordinal)));
        Assert.Equal("lines", Assert.Throws<ArgumentOutOfRangeException>(() => EmailGenerator.WithPastedLog(email, 0)).ParamName);
    }

    private static InboxRunMetrics Hour(int hour, double agreement) => new()
    {
        At = Start.AddHours(hour), Succeeded = true, Emails = 100, Predicted = 100, Labelled = 100, Agreed = (int)Math.Round(agreement * 100),
        ConfidenceSum = 100 * agreement,
    };
}
