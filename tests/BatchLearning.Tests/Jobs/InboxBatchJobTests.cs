using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Jobs;

public sealed class InboxBatchJobTests
{
    // A deterministic stand-in classifier is enough here: these tests are about the job's bookkeeping, not the model.
    private static IReadOnlyList<EmailCategory> ByLength(IReadOnlyList<EmailMessage> emails) =>
        emails.Select(e => (EmailCategory)(e.Body.Length % 5)).ToList();

    private static (string Inbox, string Output) Folder()
    {
        var folder = Repository.NewTemporaryFolder();
        var inbox = Path.Combine(folder, "inbox.jsonl");
        File.WriteAllText(inbox, "");
        return (inbox, Path.Combine(folder, "out"));
    }

    private static void Append(string inbox, IEnumerable<EmailMessage> emails) =>
        File.AppendAllText(inbox, string.Concat(emails.Select(e => EmailJson.ToLine(e with { Category = null }) + "\n")));

    [Fact]
    public void Each_run_takes_only_what_arrived_since_the_last_and_every_email_is_classified_once()
    {
        var (inbox, output) = Folder();
        var emails = EmailGenerator.Day(250, new DateOnly(2026, 3, 2), seed: 1);
        var clock = new SimulatedClock(new DateTimeOffset(2026, 3, 2, 0, 5, 0, TimeSpan.Zero));
        using var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output) { MaxEmailsPerCommit = 40 }, ByLength, clock);

        Append(inbox, emails.Take(100));
        var first = job.RunOnce();
        clock.Advance(TimeSpan.FromMinutes(5));
        var idle = job.RunOnce();
        Append(inbox, emails.Skip(100));
        var second = job.RunOnce();

        Assert.Equal((100, 3), (first.Classified, first.Commits));
        Assert.Equal("nothing new in the inbox", idle.ToString());
        Assert.Equal((150, 4), (second.Classified, second.Commits));
        var results = InboxBatchJob.ReadResults(output);
        Assert.Equal(emails.Select(e => e.Id), results.Select(r => r.Id));
        Assert.Equal(ByLength(emails), results.Select(r => r.Category));
        Assert.Equal(clock.GetUtcNow(), results[^1].ClassifiedAt);
        Assert.Equal(new FileInfo(inbox).Length, job.CommittedOffset);
    }

    [Fact]
    public void Malformed_lines_go_to_dead_letters_with_their_reason_and_the_job_goes_on()
    {
        var (inbox, output) = Folder();
        var emails = EmailGenerator.Day(3, new DateOnly(2026, 3, 2), seed: 1);
        Append(inbox, emails.Take(1));
        File.AppendAllText(inbox, "this is not json\n{\"id\":\"x\",\"sender\":\"a@b\",\"body\":\"hi\",\"receivedAt\":\"2026-03-02T10:00:00Z\"}\n\n");
        Append(inbox, emails.Skip(1));
        using var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength);

        var result = job.RunOnce();

        Assert.Equal((3, 3), (result.Classified, result.DeadLetters));
        var letters = InboxBatchJob.ReadDeadLetters(output);
        Assert.StartsWith("not a valid email JSON object", letters[0].Reason, StringComparison.Ordinal);
        Assert.Equal("missing field 'subject'", letters[1].Reason);
        Assert.Equal("empty line", letters[2].Reason);
        Assert.Equal("this is not json", letters[0].Line);
        Assert.Equal(letters[0], result.FirstDeadLetter); // for the worker's log
        Assert.Null(job.RunOnce().FirstDeadLetter);
    }

    [Fact]
    public void A_line_still_being_written_waits_for_the_next_run()
    {
        var (inbox, output) = Folder();
        var emails = EmailGenerator.Day(2, new DateOnly(2026, 3, 2), seed: 1);
        Append(inbox, emails.Take(1));
        var half = EmailJson.ToLine(emails[1]);
        File.AppendAllText(inbox, half[..20]);
        using var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength);

        Assert.Equal(1, job.RunOnce().Classified);
        File.AppendAllText(inbox, half[20..] + "\n");
        Assert.Equal(1, job.RunOnce().Classified);
        Assert.Equal(emails.Select(e => e.Id), InboxBatchJob.ReadResults(output).Select(r => r.Id));
    }

    [Fact]
    public void An_empty_inbox_gives_an_empty_run_and_a_missing_one_a_clear_error()
    {
        var (inbox, output) = Folder();
        using (var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength))
        {
            var result = job.RunOnce();
            Assert.Equal(0, result.Commits);
            Assert.Empty(InboxBatchJob.ReadResults(output));
        }

        var error = Assert.Throws<FileNotFoundException>(() => InboxBatchJob.Open(new InboxJobOptions(inbox + ".missing", output), ByLength));
        Assert.Contains("No inbox at", error.Message);
    }

    [Fact]
    public void A_second_job_on_the_same_inbox_refuses_to_start()
    {
        var (inbox, output) = Folder();
        using var first = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength);

        var error = Assert.Throws<InboxLockedException>(() => InboxBatchJob.Open(new InboxJobOptions(inbox, output + "-other"), ByLength));

        Assert.Contains("Another batch job is already processing", error.Message);
        first.Dispose();
        using var afterwards = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength);
    }

    [Fact]
    public void A_checkpoint_past_the_end_of_a_truncated_inbox_is_refused_with_what_to_do()
    {
        var (inbox, output) = Folder();
        Append(inbox, EmailGenerator.Day(20, new DateOnly(2026, 3, 2), seed: 1));
        using (var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength))
        {
            job.RunOnce();
        }

        File.WriteAllText(inbox, EmailJson.ToLine(EmailGenerator.Day(1, new DateOnly(2026, 3, 3), seed: 2)[0]) + "\n");
        using var again = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength);

        var error = Assert.Throws<InvalidDataException>(() => again.RunOnce());
        Assert.Contains("truncated or replaced", error.Message);
        Assert.Equal(20, InboxBatchJob.ReadResults(output).Count);
    }

    [Fact]
    public void A_classifier_returning_the_wrong_count_stops_the_run_before_anything_is_committed()
    {
        var (inbox, output) = Folder();
        Append(inbox, EmailGenerator.Day(5, new DateOnly(2026, 3, 2), seed: 1));
        using var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), emails => ByLength(emails).Skip(1).ToList());

        Assert.Throws<InvalidOperationException>(() => job.RunOnce());
        Assert.Equal(0, job.CommittedOffset);
        Assert.Empty(InboxBatchJob.ReadResults(output));
    }
}
