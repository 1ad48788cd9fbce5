using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BatchLearning.Email;

namespace BatchLearning.Jobs;

/// <summary>
/// The five-minute batch job of the course: each run takes every email appended to the inbox since the last successful run, classifies them in batches,
/// and commits: results (and unreadable lines, as dead letters with their reason) to files named by where they start in the inbox, each written atomically,
/// then the checkpoint. A crash at any point (even kill -9) loses nothing and repeats nothing: a restart redoes at most the uncommitted part and
/// replaces its files whole. One job per inbox: a second one refuses to start.
/// </summary>
public sealed class InboxBatchJob : IDisposable
{
    private const string ResultsFolder = "results";
    private const string DeadLettersFolder = "dead-letters";
    private readonly InboxJobOptions _options;
    private readonly Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailCategory>> _classify;
    private readonly TimeProvider _clock;
    private readonly FileStream _lock;

    private InboxBatchJob(InboxJobOptions options, Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailCategory>> classify, TimeProvider clock, FileStream inboxLock)
    {
        _options = options;
        _classify = classify;
        _clock = clock;
        _lock = inboxLock;
    }

    /// <summary>Opens the job with an email classifier; takes the inbox's lock.</summary>
    public static InboxBatchJob Open(InboxJobOptions options, EmailClassifier classifier, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        return Open(options, emails => classifier.Classify(emails, options.BatchSize), clock);
    }

    /// <summary>Opens the job with any batch classifier; takes the inbox's lock (a file beside the inbox, held while the job is open).</summary>
    /// <param name="options">Inbox, output folder, sizes.</param>
    /// <param name="classify">Classifies a batch of emails, returning one category per email in order.</param>
    /// <param name="clock">The clock for ClassifiedAt and for <see cref="RunEveryAsync"/>; the system clock by default.</param>
    /// <exception cref="FileNotFoundException">The inbox does not exist.</exception>
    /// <exception cref="InboxLockedException">Another job holds the inbox.</exception>
    public static InboxBatchJob Open(InboxJobOptions options, Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailCategory>> classify, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(classify);
        options.Validate();
        if (!File.Exists(options.InboxPath))
        {
            throw new FileNotFoundException($"No inbox at '{options.InboxPath}'. Create the file (it may be empty) or check the path.", options.InboxPath);
        }

        Directory.CreateDirectory(Path.Combine(options.OutputDirectory, ResultsFolder));
        Directory.CreateDirectory(Path.Combine(options.OutputDirectory, DeadLettersFolder));
        var lockPath = options.InboxPath + ".lock";
        FileStream inboxLock;
        try
        {
            inboxLock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error)
        {
            throw new InboxLockedException(options.InboxPath, lockPath, error);
        }

        return new InboxBatchJob(options, classify, clock ?? TimeProvider.System, inboxLock);
    }

    /// <summary>Inbox bytes processed and committed so far.</summary>
    public long CommittedOffset => InboxCheckpoint.Load(_options.OutputDirectory).Offset;

    /// <summary>Processes everything that has fully arrived (complete lines) since the last commit, in commits of at most MaxEmailsPerCommit lines.</summary>
    /// <param name="cancellationToken">Checked between commits.</param>
    /// <exception cref="InvalidDataException">The checkpoint points past the end of the inbox, or into the middle of a line: the inbox was truncated or replaced.</exception>
    public JobRunResult RunOnce(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var checkpoint = InboxCheckpoint.Load(_options.OutputDirectory);
        var start = checkpoint.Offset;
        int commits = 0, classified = 0, deadLetters = 0;
        using var inbox = new FileStream(_options.InboxPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var end = inbox.Length; // mail appended after this moment waits for the next run
        EnsureCheckpointFits(inbox, checkpoint.Offset, end);
        while (!cancellationToken.IsCancellationRequested)
        {
            var lines = ReadCompleteLines(inbox, checkpoint.Offset, end, _options.MaxEmailsPerCommit);
            if (lines.Count == 0)
            {
                break;
            }

            var (emails, letters) = Parse(lines);
            var categories = emails.Count == 0 ? [] : _classify(emails.Select(e => e.Email).ToList());
            if (categories.Count != emails.Count)
            {
                throw new InvalidOperationException($"The classifier returned {categories.Count} categories for {emails.Count} emails; it must return one per email.");
            }

            var now = _clock.GetUtcNow();
            var name = string.Create(CultureInfo.InvariantCulture, $"{checkpoint.Offset:D15}.jsonl");
            if (letters.Count > 0)
            {
                AtomicFile.WriteAllText(Path.Combine(_options.OutputDirectory, DeadLettersFolder, name), Lines(letters));
            }

            if (emails.Count > 0)
            {
                AtomicFile.WriteAllText(
                    Path.Combine(_options.OutputDirectory, ResultsFolder, name),
                    Lines(emails.Select((e, i) => new ClassifiedEmail(e.Email.Id, categories[i], e.Email.ReceivedAt, now))));
            }

            checkpoint = new InboxCheckpoint(lines[^1].End, checkpoint.Commits + 1);
            checkpoint.Save(_options.OutputDirectory);
            commits++;
            classified += emails.Count;
            deadLetters += letters.Count;
        }

        return new JobRunResult(commits, classified, deadLetters, start, checkpoint.Offset, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Runs the job every <paramref name="interval"/> on the job's clock until cancelled, reporting each run.</summary>
    /// <param name="interval">Time between runs, above zero.</param>
    /// <param name="progress">Receives each run's result.</param>
    /// <param name="cancellationToken">Stops the loop (between runs, or between commits of a run).</param>
    public async Task RunEveryAsync(TimeSpan interval, IProgress<JobRunResult>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        while (!cancellationToken.IsCancellationRequested)
        {
            progress?.Report(RunOnce(cancellationToken));
            try
            {
                await Task.Delay(interval, _clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Every result the job has committed in <paramref name="outputDirectory"/>, in inbox order.</summary>
    public static IReadOnlyList<ClassifiedEmail> ReadResults(string outputDirectory) =>
        ReadAll<ClassifiedEmail>(Path.Combine(outputDirectory, ResultsFolder));

    /// <summary>Every dead letter in <paramref name="outputDirectory"/>, in inbox order.</summary>
    public static IReadOnlyList<DeadLetter> ReadDeadLetters(string outputDirectory) =>
        ReadAll<DeadLetter>(Path.Combine(outputDirectory, DeadLettersFolder));

    /// <summary>Releases the inbox's lock.</summary>
    public void Dispose() => _lock.Dispose();

    private static void EnsureCheckpointFits(FileStream inbox, long offset, long length)
    {
        if (offset > length)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The checkpoint says {offset:N0} bytes of the inbox were processed, but the inbox has only {length:N0}: it was truncated or replaced. Restore the inbox, or move the output folder aside to process it from the start."));
        }

        if (offset > 0)
        {
            inbox.Position = offset - 1;
            if (inbox.ReadByte() != '\n')
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"The checkpoint points into the middle of a line (byte {offset:N0}): the inbox was replaced. Restore it, or move the output folder aside to process it from the start."));
            }
        }
    }

    private sealed record InboxLine(long Start, long End, string Text);

    // Complete lines (ending in '\n') between offset and end, at most `limit` of them.
    private static List<InboxLine> ReadCompleteLines(FileStream inbox, long offset, long end, int limit)
    {
        var lines = new List<InboxLine>();
        inbox.Position = offset;
        var buffer = new byte[1 << 16];
        var line = new MemoryStream();
        var lineStart = offset;
        var position = offset;
        while (position < end && lines.Count < limit)
        {
            var read = inbox.Read(buffer, 0, (int)Math.Min(buffer.Length, end - position));
            if (read == 0)
            {
                break;
            }

            for (var i = 0; i < read && lines.Count < limit; i++)
            {
                position++;
                if (buffer[i] == (byte)'\n')
                {
                    lines.Add(new InboxLine(lineStart, position, Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length).TrimEnd('\r')));
                    line.SetLength(0);
                    lineStart = position;
                }
                else
                {
                    line.WriteByte(buffer[i]);
                }
            }
        }

        return lines;
    }

    private static (List<(EmailMessage Email, long Offset)> Emails, List<DeadLetter> Letters) Parse(List<InboxLine> lines)
    {
        var emails = new List<(EmailMessage, long)>();
        var letters = new List<DeadLetter>();
        foreach (var line in lines)
        {
            if (EmailJson.TryParse(line.Text, out var email, out var problem))
            {
                emails.Add((email!, line.Start));
            }
            else
            {
                letters.Add(new DeadLetter(line.Start, problem!, line.Text.Length > 2000 ? line.Text[..2000] : line.Text));
            }
        }

        return (emails, letters);
    }

    private static string Lines<T>(IEnumerable<T> records) =>
        string.Concat(records.Select(r => JsonSerializer.Serialize(r, EmailJson.Options) + "\n"));

    private static List<T> ReadAll<T>(string folder) =>
        !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                .SelectMany(File.ReadLines).Where(l => l.Length > 0)
                .Select(l => JsonSerializer.Deserialize<T>(l, EmailJson.Options)!).ToList();
}
