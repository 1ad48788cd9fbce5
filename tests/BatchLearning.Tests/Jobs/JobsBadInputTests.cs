using System.Text;
using System.Text.Json.Nodes;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Jobs;

/// <summary>Inputs the inbox job must not answer silently: another inbox, a byte-order mark, a retried id, bytes that are not UTF-8, a second path to the same inbox.</summary>
public sealed class JobsBadInputTests
{
    private static IReadOnlyList<EmailCategory> ByLength(IReadOnlyList<EmailMessage> emails) =>
        emails.Select(e => (EmailCategory)(e.Body.Length % 5)).ToList();

    private static string Lines(IEnumerable<EmailMessage> emails) =>
        string.Concat(emails.Select(e => EmailJson.ToLine(e with { Category = null }) + "\n"));

    private static (string Folder, string Inbox, string Output) Folder(string content = "")
    {
        var folder = Repository.NewTemporaryFolder();
        var inbox = Path.Combine(folder, "inbox.jsonl");
        File.WriteAllText(inbox, content);
        return (folder, inbox, Path.Combine(folder, "out"));
    }

    [Fact]
    public void Another_inbox_with_the_same_output_folder_is_refused_naming_both_and_what_to_do()
    {
        var (folder, first, output) = Folder(Lines(EmailGenerator.Day(50, new DateOnly(2026, 3, 2), seed: 1)));
        var second = Path.Combine(folder, "other.jsonl");
        File.WriteAllText(second, Lines(EmailGenerator.Day(201, new DateOnly(2026, 3, 3), seed: 2)));
        using (var job = InboxBatchJob.Open(new InboxJobOptions(first, output), ByLength))
        {
            job.RunOnce();
        }

        using var other = InboxBatchJob.Open(new InboxJobOptions(second, output), ByLength);
        var error = Assert.Throws<InvalidDataException>(() => other.RunOnce());

        Assert.Contains(first, error.Message);
        Assert.Contains(second, error.Message);
        Assert.Contains("--output", error.Message);
        Assert.Equal(50, InboxBatchJob.ReadResults(output).Count);
    }

    [Fact]
    public void An_inbox_replaced_at_the_same_path_with_other_mail_of_the_same_length_is_refused()
    {
        var (_, inbox, output) = Folder();
        var emails = EmailGenerator.Day(40, new DateOnly(2026, 3, 2), seed: 1);
        File.WriteAllText(inbox, Lines(emails));
        using (var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength))
        {
            job.RunOnce();
        }

        // Same lines, other ids of the same length: every line boundary still fits the checkpoint.
        File.WriteAllText(inbox, Lines(emails.Select(e => e with { Id = "x" + e.Id[1..] })) + Lines(emails.Take(1)));
        using var again = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength);

        var error = Assert.Throws<InvalidDataException>(() => again.RunOnce());
        Assert.Contains("was replaced", error.Message);
    }

    [Fact]
    public void A_checkpoint_without_an_inbox_is_adopted_when_it_fits_and_then_protects_the_inbox()
    {
        var (folder, inbox, output) = Folder();
        var emails = EmailGenerator.Day(30, new DateOnly(2026, 3, 2), seed: 1);
        File.WriteAllText(inbox, Lines(emails.Take(10)));
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "checkpoint.json"), $"{{\"Offset\":{new FileInfo(inbox).Length},\"Commits\":1}}");
        File.AppendAllText(inbox, Lines(emails.Skip(10)));

        using (var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength))
        {
            Assert.Equal(20, job.RunOnce().Classified);
        }

        var checkpoint = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "checkpoint.json")))!;
        Assert.Equal(Path.GetFullPath(inbox), (string?)checkpoint["Inbox"]);
        var other = Path.Combine(folder, "other.jsonl");
        File.Copy(inbox, other);
        using var second = InboxBatchJob.Open(new InboxJobOptions(other, output), ByLength);
        Assert.Throws<InvalidDataException>(() => second.RunOnce());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"Commits\": 3}")]
    [InlineData("{\"Offset\": -5, \"Commits\": 3}")]
    public void A_damaged_checkpoint_is_refused_naming_its_file(string content)
    {
        var (_, inbox, output) = Folder(Lines(EmailGenerator.Day(3, new DateOnly(2026, 3, 2), seed: 1)));
        Directory.CreateDirectory(output);
        var checkpoint = Path.Combine(output, "checkpoint.json");
        File.WriteAllText(checkpoint, content);
        using var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength);

        var error = Assert.Throws<InvalidDataException>(() => job.RunOnce());

        Assert.Contains(Path.GetFullPath(checkpoint), error.Message);
        Assert.Empty(InboxBatchJob.ReadResults(output));
    }

    [Fact]
    public void A_commit_is_classified_in_batches_of_the_batch_size_not_all_at_once()
    {
        var (_, inbox, output) = Folder(Lines(EmailGenerator.Day(1000, new DateOnly(2026, 3, 2), seed: 1)));
        var largest = 0;
        IReadOnlyList<EmailCategory> Classify(IReadOnlyList<EmailMessage> emails)
        {
            largest = Math.Max(largest, emails.Count);
            return ByLength(emails);
        }

        using var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output) { MaxEmailsPerCommit = 1_000_000, BatchSize = 64 }, Classify);

        var result = job.RunOnce();

        Assert.Equal((1000, 1), (result.Classified, result.Commits));
        Assert.Equal(64, largest);
        Assert.Equal(1000, InboxBatchJob.ReadResults(output).Count);
    }

    [Fact]
    public void A_byte_order_mark_at_the_start_of_the_inbox_is_skipped_and_the_first_email_classified()
    {
        var emails = EmailGenerator.Day(3, new DateOnly(2026, 3, 2), seed: 1);
        var (_, inbox, output) = Folder();
        File.WriteAllBytes(inbox, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Lines(emails))]);
        using var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength);

        var result = job.RunOnce();

        Assert.Equal((3, 0), (result.Classified, result.DeadLetters));
        Assert.Equal(emails.Select(e => e.Id), InboxBatchJob.ReadResults(output).Select(r => r.Id));
    }

    [Fact]
    public void A_retried_id_is_classified_once_and_the_repeat_is_a_dead_letter_even_in_a_later_commit_and_a_later_job()
    {
        var emails = EmailGenerator.Day(4, new DateOnly(2026, 3, 2), seed: 1);
        var (_, inbox, output) = Folder(Lines(emails.Take(2)) + Lines(emails.Take(1)));
        using (var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output) { MaxEmailsPerCommit = 1 }, ByLength))
        {
            var run = job.RunOnce();
            Assert.Equal((2, 1, 3), (run.Classified, run.DeadLetters, run.Commits));
        }

        File.AppendAllText(inbox, Lines(emails.Skip(1)));
        using (var later = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength))
        {
            Assert.Equal((2, 1), (later.RunOnce().Classified, InboxBatchJob.ReadDeadLetters(output).Count - 1));
        }

        Assert.Equal(emails.Select(e => e.Id), InboxBatchJob.ReadResults(output).Select(r => r.Id));
        var letters = InboxBatchJob.ReadDeadLetters(output);
        Assert.Equal($"duplicate id '{emails[0].Id}': first seen at byte offset 0; the first is kept", letters[0].Reason);
        var secondLine = Encoding.UTF8.GetByteCount(Lines(emails.Take(1)));
        Assert.Equal($"duplicate id '{emails[1].Id}': first seen at byte offset {secondLine}; the first is kept", letters[1].Reason);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_send_the_line_to_the_dead_letters_with_their_offset_instead_of_merging_two_ids()
    {
        var emails = EmailGenerator.Day(2, new DateOnly(2026, 3, 2), seed: 1);
        var (_, inbox, output) = Folder();
        var good = Encoding.UTF8.GetBytes(Lines(emails.Take(1)));
        // The serializer escapes non-ASCII characters, so write the raw UTF-8 the way other producers do.
        byte[] Raw(string id) => Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"receivedAt\":\"2026-03-02T10:00:00Z\",\"sender\":\"a@b.c\",\"subject\":\"s\",\"body\":\"b\"}}\n");
        var bad1 = Raw("id-\u00FF");
        var bad2 = Raw("id-\u00FE");
        var bad1At = Array.IndexOf(bad1, (byte)0xC3);
        bad1[bad1At] = 0xFF; // "id-\u00FF" becomes "id-" + an invalid byte + 0xBF: both would decode to U+FFFD
        var bad2At = Array.IndexOf(bad2, (byte)0xC3);
        bad2[bad2At] = 0xFF;
        File.WriteAllBytes(inbox, [.. good, .. bad1, .. bad2]);
        using var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength);

        var result = job.RunOnce();

        Assert.Equal((1, 2), (result.Classified, result.DeadLetters));
        var letters = InboxBatchJob.ReadDeadLetters(output);
        Assert.StartsWith($"not valid UTF-8: byte 0xFF at byte offset {good.Length + bad1At}", letters[0].Reason, StringComparison.Ordinal);
        Assert.Equal(good.Length, letters[0].Offset);
        Assert.StartsWith($"not valid UTF-8: byte 0xFF at byte offset {good.Length + bad1.Length + bad2At}", letters[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_or_a_relative_path_to_a_locked_inbox_is_refused_like_the_inbox_itself()
    {
        var (folder, inbox, output) = Folder();
        var link = Path.Combine(folder, "link.jsonl");
        File.CreateSymbolicLink(link, inbox);
        var folderLink = Path.Combine(Repository.NewTemporaryFolder(), "folder-link");
        Directory.CreateSymbolicLink(folderLink, folder);
        using var first = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength);

        Assert.Throws<InboxLockedException>(() => InboxBatchJob.Open(new InboxJobOptions(link, output + "-2"), ByLength));
        Assert.Throws<InboxLockedException>(() => InboxBatchJob.Open(new InboxJobOptions(Path.Combine(folderLink, "inbox.jsonl"), output + "-3"), ByLength));
        Assert.Throws<InboxLockedException>(() => InboxBatchJob.Open(new InboxJobOptions(Path.Combine(folder, "..", Path.GetFileName(folder), "inbox.jsonl"), output + "-4"), ByLength));
    }

    [Fact]
    public void A_hard_link_to_a_locked_inbox_is_refused_like_the_inbox_itself()
    {
        var (folder, inbox, output) = Folder();
        var hardLink = Path.Combine(folder, "hard-link.jsonl");
        using (var ln = System.Diagnostics.Process.Start("ln", [inbox, hardLink]))
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }

        using (var first = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength))
        {
            var error = Assert.Throws<InboxLockedException>(() => InboxBatchJob.Open(new InboxJobOptions(hardLink, output), ByLength));
            Assert.Contains("hard link", error.Message);
        }

        using var afterwards = InboxBatchJob.Open(new InboxJobOptions(hardLink, output + "-2"), ByLength); // released with the first job
    }

    [Fact]
    public void An_email_received_in_the_future_goes_to_the_dead_letters_with_the_reason_instead_of_a_negative_wait()
    {
        var now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        var emails = EmailGenerator.Day(3, new DateOnly(2026, 3, 2), seed: 4).Select(e => e with { ReceivedAt = now.AddHours(-1) }).ToList();
        emails[1] = emails[1] with { ReceivedAt = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var (_, inbox, output) = Folder(Lines(emails));

        using (var job = InboxBatchJob.Open(new InboxJobOptions(inbox, output), ByLength, new SimulatedClock(now)))
        {
            var run = job.RunOnce();
            Assert.Equal(2, run.Classified);
            Assert.Equal(1, run.DeadLetters);
        }

        Assert.All(InboxBatchJob.ReadResults(output), r => Assert.True(r.Latency >= TimeSpan.Zero));
        var letter = Assert.Single(InboxBatchJob.ReadDeadLetters(output));
        Assert.StartsWith("receivedAt 2099-01-01T00:00:00.0000000+00:00 is after the job's clock", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_folder_that_cannot_be_created_is_refused_naming_it()
    {
        var (folder, inbox, _) = Folder();
        var file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "");

        var error = Assert.Throws<IOException>(() => InboxBatchJob.Open(new InboxJobOptions(inbox, Path.Combine(file, "out")), ByLength));

        Assert.Contains(Path.Combine(file, "out"), error.Message);
    }
}
