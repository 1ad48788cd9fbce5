using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BatchLearning.Email;

namespace BatchLearning.Jobs;

/// <summary>
/// The five-minute batch job of the course: each run takes every email appended to the inbox since the last successful run, classifies them in batches,
/// and commits: results (and unreadable lines, as dead letters with their reason) to files named by where they start in the inbox, each written atomically,
/// then the checkpoint. A crash at any point (even kill -9) loses nothing and repeats nothing: a restart redoes at most the uncommitted part and
/// replaces its files whole. One job per inbox, whatever path reaches it: a second one refuses to start. An id seen before (a producer's retry) is
/// classified once: the first wins, the repeat becomes a dead letter. Memory is bounded by the batch size, not the commit size.
/// </summary>
public sealed class InboxBatchJob : IDisposable
{
    private const string ResultsFolder = "results";
    private const string DeadLettersFolder = "dead-letters";
    private const int MaxLineInDeadLetter = 2000;

    /// <summary>
    /// How far in the future an email's receivedAt may be, against the job's clock, and still be classified: 1 day (clock skew, time zones,
    /// a replay whose clock starts at the day's midnight). A later one (a receivedAt of 2099) goes to the dead letters with the reason, never into the results.
    /// </summary>
    public static readonly TimeSpan ClockSkewAllowed = TimeSpan.FromDays(1);
    private readonly InboxJobOptions _options;
    private readonly string _inboxPath;
    private readonly Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailCategory>> _classify;
    private readonly TimeProvider _clock;
    private readonly FileStream _lock;
    private readonly FileStream? _held; // the inbox file itself, locked so a hard link to it is caught (see InboxIdentity.HoldInbox)
    private Dictionary<string, long>? _committedIds; // id -> inbox offset of its first line (-1 when the results file predates offsets)

    private InboxBatchJob(InboxJobOptions options, string inboxPath, Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailCategory>> classify, TimeProvider clock, FileStream inboxLock, FileStream? held)
    {
        _options = options;
        _inboxPath = inboxPath;
        _classify = classify;
        _clock = clock;
        _lock = inboxLock;
        _held = held;
    }

    /// <summary>Opens the job with an email classifier; takes the inbox's lock.</summary>
    public static InboxBatchJob Open(InboxJobOptions options, EmailClassifier classifier, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        return Open(options, emails => classifier.Classify(emails, options.BatchSize), clock);
    }

    /// <summary>
    /// Opens the job with any batch classifier; takes the inbox's lock (a file beside the inbox's real path, every symbolic link resolved,
    /// and a lock on the inbox file itself, which a hard link reaches too; both held while the job is open).
    /// </summary>
    /// <param name="options">Inbox, output folder, sizes.</param>
    /// <param name="classify">Classifies a batch of at most <see cref="InboxJobOptions.BatchSize"/> emails, returning one category per email in order.</param>
    /// <param name="clock">The clock for ClassifiedAt and for <see cref="RunEveryAsync"/>; the system clock by default.</param>
    /// <exception cref="FileNotFoundException">The inbox does not exist.</exception>
    /// <exception cref="InboxLockedException">Another job holds the inbox.</exception>
    public static InboxBatchJob Open(InboxJobOptions options, Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailCategory>> classify, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(classify);
        options.Validate();
        var inboxPath = InboxIdentity.RealPath(options.InboxPath);
        if (!File.Exists(inboxPath))
        {
            throw new FileNotFoundException($"No inbox at '{options.InboxPath}'. Create the file (it may be empty) or check the path.", options.InboxPath);
        }

        try
        {
            Directory.CreateDirectory(Path.Combine(options.OutputDirectory, ResultsFolder));
            Directory.CreateDirectory(Path.Combine(options.OutputDirectory, DeadLettersFolder));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot create the output folder '{Path.GetFullPath(options.OutputDirectory)}': {error.Message}", error);
        }

        var lockPath = inboxPath + ".lock";
        FileStream inboxLock;
        try
        {
            inboxLock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error)
        {
            throw new InboxLockedException(inboxPath, lockPath, error);
        }

        return new InboxBatchJob(options, inboxPath, classify, clock ?? TimeProvider.System, inboxLock, Hold(inboxPath, inboxLock));
    }

    // The inbox file itself, held against a second job that reaches it through a hard link; the path's lock is let go when it is refused.
    private static FileStream? Hold(string inboxPath, FileStream inboxLock)
    {
        try
        {
            return InboxIdentity.HoldInbox(inboxPath);
        }
        catch (IOException error)
        {
            inboxLock.Dispose();
            throw new InboxLockedException(inboxPath, $"{inboxPath}, through another path to the same file (a hard link)", error);
        }
    }

    /// <summary>Inbox bytes processed and committed so far.</summary>
    public long CommittedOffset => InboxCheckpoint.Load(_options.OutputDirectory).Offset;

    /// <summary>Processes everything that has fully arrived (complete lines) since the last commit, in commits of at most MaxEmailsPerCommit lines.</summary>
    /// <param name="cancellationToken">Checked between commits.</param>
    /// <exception cref="InvalidDataException">
    /// The checkpoint belongs to another inbox, points past the end of the inbox or into the middle of a line (the inbox was truncated or replaced),
    /// or a file of the output folder is damaged.
    /// </exception>
    public JobRunResult RunOnce(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        using var inbox = new FileStream(_inboxPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var end = inbox.Length; // mail appended after this moment waits for the next run
        var checkpoint = CheckedCheckpoint(inbox, end);
        var start = checkpoint.Offset;
        RemoveUncommittedFiles(checkpoint.Offset);
        _committedIds ??= CommittedIds(checkpoint.Offset);
        var reader = new InboxLineReader(inbox.SafeFileHandle, checkpoint.Offset, end);
        int commits = 0, classified = 0, deadLetters = 0;
        DeadLetter? firstDeadLetter = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (lines, emails, letters, first) = Commit(reader, checkpoint.Offset);
            if (lines == 0)
            {
                break;
            }

            checkpoint = Next(checkpoint, reader.Position, inbox);
            checkpoint.Save(_options.OutputDirectory);
            commits++;
            classified += emails;
            deadLetters += letters;
            firstDeadLetter ??= first;
        }

        return new JobRunResult(commits, classified, deadLetters, start, checkpoint.Offset, watch.Elapsed.TotalSeconds) { FirstDeadLetter = firstDeadLetter };
    }

    /// <summary>
    /// Measures what waits for the next run: bytes and complete lines after the committed position, and the arrival time of the first readable one.
    /// It only reads (the inbox and the checkpoint), so it may be called from another thread while a run commits; it reads the whole backlog, line by line.
    /// </summary>
    public InboxBacklog MeasureBacklog()
    {
        using var inbox = new FileStream(_inboxPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var end = inbox.Length;
        var committed = Math.Min(CommittedOffset, end);
        var reader = new InboxLineReader(inbox.SafeFileHandle, committed, end);
        var lines = 0;
        DateTimeOffset? oldest = null;
        while (reader.TryRead(out var line))
        {
            lines++;
            if (oldest is null && line!.Problem is null && EmailJson.TryParse(line.Text, out var email, out _))
            {
                oldest = email!.ReceivedAt;
            }
        }

        return new InboxBacklog(end - committed, lines, oldest, _clock.GetUtcNow());
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
    /// <exception cref="InvalidDataException">A results line is damaged; the message names the file and line.</exception>
    public static IReadOnlyList<ClassifiedEmail> ReadResults(string outputDirectory) =>
        ReadAll<ClassifiedEmail>(Path.Combine(outputDirectory, ResultsFolder), long.MaxValue).ToList();

    /// <summary>Every dead letter in <paramref name="outputDirectory"/>, in inbox order.</summary>
    /// <exception cref="InvalidDataException">A dead-letter line is damaged; the message names the file and line.</exception>
    public static IReadOnlyList<DeadLetter> ReadDeadLetters(string outputDirectory) =>
        ReadAll<DeadLetter>(Path.Combine(outputDirectory, DeadLettersFolder), long.MaxValue).ToList();

    /// <summary>Releases the inbox's lock.</summary>
    public void Dispose()
    {
        _held?.Dispose();
        _lock.Dispose();
    }

    // One commit: reads up to MaxEmailsPerCommit lines, classifies the emails batch by batch while streaming results and dead letters to
    // temporary files, then renames them into place. Only then do this commit's ids join the committed ones.
    private (int Lines, int Emails, int Letters, DeadLetter? First) Commit(InboxLineReader reader, long commitStart)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{commitStart:D15}.jsonl");
        using var results = new AtomicFileWriter(Path.Combine(_options.OutputDirectory, ResultsFolder, name));
        using var letters = new AtomicFileWriter(Path.Combine(_options.OutputDirectory, DeadLettersFolder, name));
        var idsHere = new Dictionary<string, long>(StringComparer.Ordinal);
        var batch = new List<(EmailMessage Email, long Offset)>(Math.Min(_options.BatchSize, _options.MaxEmailsPerCommit));
        int lines = 0, emails = 0, dead = 0;
        DeadLetter? first = null;
        while (lines < _options.MaxEmailsPerCommit && reader.TryRead(out var line))
        {
            lines++;
            if (Unreadable(line!, idsHere, out var email) is { } reason)
            {
                var letter = new DeadLetter(line!.Start, reason, line.Text.Length > MaxLineInDeadLetter ? line.Text[..MaxLineInDeadLetter] : line.Text);
                letters.WriteLine(JsonSerializer.Serialize(letter, EmailJson.Options));
                first ??= letter;
                dead++;
                continue;
            }

            idsHere.Add(email!.Id, line!.Start);
            batch.Add((email, line.Start));
            if (batch.Count == _options.BatchSize)
            {
                emails += Classify(batch, results);
            }
        }

        emails += Classify(batch, results);
        letters.Commit();
        results.Commit();
        foreach (var (id, offset) in idsHere)
        {
            _committedIds![id] = offset;
        }

        return (lines, emails, dead, first);
    }

    // Why a line goes to the dead letters (not UTF-8, not an email, an id seen before), or null with the email when it can be classified.
    private string? Unreadable(InboxLine line, Dictionary<string, long> idsHere, out EmailMessage? email)
    {
        email = null;
        if (line.Problem is not null)
        {
            return line.Problem;
        }

        if (!EmailJson.TryParse(line.Text, out email, out var problem))
        {
            return problem!;
        }

        if (email!.ReceivedAt > _clock.GetUtcNow() + ClockSkewAllowed)
        {
            var at = email.ReceivedAt;
            email = null;
            return string.Create(CultureInfo.InvariantCulture,
                $"receivedAt {at:O} is after the job's clock ({_clock.GetUtcNow():O}) by more than {ClockSkewAllowed.TotalHours:0} hours: its wait would be negative; check the sender's clock");
        }

        if (_committedIds!.TryGetValue(email!.Id, out var first) || idsHere.TryGetValue(email.Id, out first))
        {
            var id = email.Id;
            email = null;
            return first < 0
                ? $"duplicate id '{id}': already classified in an earlier commit; the first is kept"
                : string.Create(CultureInfo.InvariantCulture, $"duplicate id '{id}': first seen at byte offset {first}; the first is kept");
        }

        return null;
    }

    private int Classify(List<(EmailMessage Email, long Offset)> batch, AtomicFileWriter results)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var categories = _classify(batch.Select(e => e.Email).ToList());
        if (categories.Count != batch.Count)
        {
            throw new InvalidOperationException($"The classifier returned {categories.Count} categories for {batch.Count} emails; it must return one per email.");
        }

        var now = _clock.GetUtcNow();
        for (var i = 0; i < batch.Count; i++)
        {
            var (email, offset) = batch[i];
            results.WriteLine(JsonSerializer.Serialize(new ClassifiedEmail(email.Id, categories[i], email.ReceivedAt, now) { Offset = offset }, EmailJson.Options));
        }

        var count = batch.Count;
        batch.Clear();
        return count;
    }

    // The checkpoint, after checking that it belongs to this inbox and fits it. A checkpoint from before inboxes were recorded is adopted
    // (its position must fit this inbox) and the inbox is recorded in it at once.
    private InboxCheckpoint CheckedCheckpoint(FileStream inbox, long length)
    {
        var checkpoint = InboxCheckpoint.Load(_options.OutputDirectory);
        var checkpointPath = Path.GetFullPath(Path.Combine(_options.OutputDirectory, InboxCheckpoint.FileName));
        var elsewhere = $"Give this inbox its own output folder (--output), or, to process '{_inboxPath}' from the start into this folder, delete '{checkpointPath}' and the results and dead-letters folders beside it.";
        if (checkpoint.Inbox is not null && checkpoint.Inbox != _inboxPath)
        {
            throw new InvalidDataException($"The output folder '{Path.GetFullPath(_options.OutputDirectory)}' belongs to the inbox '{checkpoint.Inbox}', not '{_inboxPath}': its checkpoint would skip this inbox's first {checkpoint.Offset:N0} bytes. {elsewhere}");
        }

        if (checkpoint.Fingerprint is not null && checkpoint.FingerprintBytes <= length
            && InboxIdentity.Fingerprint(inbox.SafeFileHandle, checkpoint.FingerprintBytes) != checkpoint.Fingerprint)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The inbox '{_inboxPath}' was replaced: its first {checkpoint.FingerprintBytes:N0} bytes differ from those the checkpoint '{checkpointPath}' was written for. Restore the inbox, or: {elsewhere}"));
        }

        EnsureCheckpointFits(inbox, checkpoint.Offset, length);
        if (checkpoint.Inbox is null && checkpoint.Offset > 0)
        {
            checkpoint = Next(checkpoint with { Commits = checkpoint.Commits - 1 }, checkpoint.Offset, inbox);
            checkpoint.Save(_options.OutputDirectory);
        }

        return checkpoint;
    }

    private InboxCheckpoint Next(InboxCheckpoint checkpoint, long offset, FileStream inbox)
    {
        var fingerprintBytes = (int)Math.Min(InboxIdentity.FingerprintBytes, offset);
        return new InboxCheckpoint(offset, checkpoint.Commits + 1, _inboxPath, fingerprintBytes,
            fingerprintBytes == checkpoint.FingerprintBytes ? checkpoint.Fingerprint : InboxIdentity.Fingerprint(inbox.SafeFileHandle, fingerprintBytes));
    }

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

    // Files of commits that started at or after the committed position were never committed (a crash came before the checkpoint):
    // they, and temporary files, are removed so the redone commits replace them whatever the commit size now.
    private void RemoveUncommittedFiles(long committed)
    {
        foreach (var folder in new[] { ResultsFolder, DeadLettersFolder })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(_options.OutputDirectory, folder)))
            {
                if (file.EndsWith(".tmp", StringComparison.Ordinal) || (StartOf(file) is { } start && start >= committed))
                {
                    File.Delete(file);
                }
            }
        }
    }

    private Dictionary<string, long> CommittedIds(long committed)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var result in ReadAll<ClassifiedEmail>(Path.Combine(_options.OutputDirectory, ResultsFolder), committed))
        {
            ids.TryAdd(result.Id, result.Offset ?? -1);
        }

        return ids;
    }

    // The inbox position a results or dead-letter file starts at, from its name; null for other files.
    private static long? StartOf(string file) =>
        file.EndsWith(".jsonl", StringComparison.Ordinal) && long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? start
            : null;

    private static IEnumerable<T> ReadAll<T>(string folder, long before)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder).Where(f => StartOf(f) < before).Order(StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                T? record;
                try
                {
                    record = JsonSerializer.Deserialize<T>(line, EmailJson.Options);
                }
                catch (JsonException error)
                {
                    throw new InvalidDataException($"'{Path.GetFullPath(file)}' line {number} is damaged ({error.Message}); the job writes it atomically, so it was edited. Restore it from the inbox by moving the output folder aside and running again.", error);
                }

                yield return record ?? throw new InvalidDataException($"'{Path.GetFullPath(file)}' line {number} is null instead of a record.");
            }
        }
    }
}
