using System.Globalization;
using System.Text;
using BatchLearning.Email;

namespace BatchLearning.Jobs;

/// <summary>
/// A real inbox in a temporary folder, fed with generated mail, for watching the five-minute job: <see cref="Append"/> writes emails (and now and then a
/// malformed line) as other programs would; <c>RunDay</c> and <c>RunUntil</c> run the job at the end of every window of simulated time on a <see cref="SimulatedClock"/>,
/// measured through <see cref="InboxMetrics"/>; <see cref="FeedAsync"/> keeps appending in real time while a worker process runs;
/// <see cref="Audit"/> checks that nothing was lost or classified twice. Disposing deletes the folder.
/// </summary>
public sealed class InboxReplay : IDisposable
{
    private const string ResultsFolder = "results";
    private const string SetAside = "results.set-aside";
    private readonly Lock _gate = new();
    private readonly List<string> _appended = [];
    private int _sinceMalformed;
    private bool _writesFailing;

    private InboxReplay(string folder, DateTimeOffset start)
    {
        Folder = folder;
        InboxPath = Path.Combine(folder, "inbox.jsonl");
        OutputDirectory = Path.Combine(folder, "classified");
        Clock = new SimulatedClock(start);
        File.WriteAllText(InboxPath, "");
    }

    /// <summary>The folder that holds the inbox and the job's output.</summary>
    public string Folder { get; }

    /// <summary>The inbox: inbox.jsonl in <see cref="Folder"/>, empty at first.</summary>
    public string InboxPath { get; }

    /// <summary>The job's output folder: classified/ in <see cref="Folder"/>.</summary>
    public string OutputDirectory { get; }

    /// <summary>The simulated clock <c>RunDay</c> moves window by window.</summary>
    public SimulatedClock Clock { get; }

    /// <summary>Ids of the emails appended so far, in order.</summary>
    public IReadOnlyList<string> AppendedIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _appended];
            }
        }
    }

    /// <summary>Malformed lines appended so far.</summary>
    public int MalformedLines { get; private set; }

    private const string TemporaryPrefix = "batchlearning-inbox-";

    /// <summary>
    /// A replay in a new temporary folder (or in <paramref name="folder"/>, created when missing), its clock at <paramref name="start"/>.
    /// Temporary folders left by a process that has ended without disposing its replay (a notebook stopped half-way, a killed kernel) are removed first.
    /// The temporary folder is in memory where the system has room there (Linux's /dev/shm): a simulated day's 288 commits then cost their work, not 288 waits
    /// for the disk to confirm a write (an fsync takes 10 ms or more on many virtual disks). The job is the same either way; only a power cut, not a killed process,
    /// would tell the two apart.
    /// </summary>
    public static InboxReplay Create(DateTimeOffset start, string? folder = null)
    {
        if (folder is null)
        {
            var root = TemporaryRoot();
            RemoveLeftovers(root);
            folder = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"{TemporaryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
        }

        folder = Directory.CreateDirectory(folder).FullName;
        return new InboxReplay(folder, start);
    }

    /// <summary>
    /// Appends <paramref name="emails"/> to the inbox in one write, one JSON line each (without their category unless <see cref="InboxReplayOptions.KeepLabels"/>),
    /// with a malformed line after every <see cref="InboxReplayOptions.MalformedLineEvery"/> emails.
    /// </summary>
    public void Append(IEnumerable<EmailMessage> emails, InboxReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(emails);
        options = (options ?? new InboxReplayOptions()).Validated();
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var email in emails)
            {
                text.Append(EmailJson.ToLine(options.KeepLabels ? email : email with { Category = null })).Append('\n');
                _appended.Add(email.Id);
                if (options.MalformedLineEvery > 0 && ++_sinceMalformed == options.MalformedLineEvery)
                {
                    text.Append("{\"id\": \"broken-").Append(_appended.Count.ToString(CultureInfo.InvariantCulture)).Append("\", \"subject\": \n"); // a truncated write
                    _sinceMalformed = 0;
                    MalformedLines++;
                }
            }

            File.AppendAllText(InboxPath, text.ToString());
        }
    }

    /// <summary>Appends <paramref name="emails"/> in real time, about <paramref name="emailsPerSecond"/> a second in ten writes a second: a growing inbox.</summary>
    /// <param name="emails">The emails, in order.</param>
    /// <param name="emailsPerSecond">From 1 to 10,000,000.</param>
    /// <param name="options">Labels and malformed lines, as for <see cref="Append"/>.</param>
    /// <param name="cancellationToken">Stops appending.</param>
    public async Task FeedAsync(IReadOnlyList<EmailMessage> emails, int emailsPerSecond, InboxReplayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (emailsPerSecond is < 1 or > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(emailsPerSecond), emailsPerSecond, "emailsPerSecond must be from 1 to 10,000,000.");
        }

        var perWrite = Math.Max(1, emailsPerSecond / 10);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(perWrite / (double)emailsPerSecond));
        for (var next = 0; next < emails.Count; next += perWrite)
        {
            Append(emails.Skip(next).Take(perWrite), options);
            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the job over the rest of the clock's day with the library's classifier (see the other overload).</summary>
    public InboxReplayDay RunDay(IReadOnlyList<EmailMessage> mail, EmailClassifier classifier, InboxReplayOptions? options = null) =>
        RunUntil(NextMidnight(), mail, classifier, options);

    /// <summary>
    /// The rest of the clock's day, window by window, until the next midnight; see <see cref="RunUntil(DateTimeOffset, IReadOnlyList{EmailMessage}, Func{IReadOnlyList{EmailMessage}, IReadOnlyList{EmailPrediction}}, InboxReplayOptions?)"/>.
    /// </summary>
    public InboxReplayDay RunDay(IReadOnlyList<EmailMessage> mail, Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailPrediction>> predict, InboxReplayOptions? options = null) =>
        RunUntil(NextMidnight(), mail, predict, options);

    /// <summary>Runs the job until <paramref name="until"/> with the library's classifier (see the other overload).</summary>
    public InboxReplayDay RunUntil(DateTimeOffset until, IReadOnlyList<EmailMessage> mail, EmailClassifier classifier, InboxReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var batchSize = (options ?? new InboxReplayOptions()).Validated().BatchSize;
        return RunUntil(until, mail, emails => classifier.Predict(emails, batchSize), options);
    }

    /// <summary>
    /// From the clock's time to <paramref name="until"/>, window by window: at the end of each window the emails of <paramref name="mail"/> that arrived in it
    /// are appended, the clock is set to the window's end, the backlog is measured and the job runs once, measured by <see cref="InboxMetrics"/>.
    /// A run that fails (writes refused) is counted, and the next window runs again. The clock ends at <paramref name="until"/>.
    /// </summary>
    /// <param name="until">When the last window ends, after the clock's time and at most 31 days later.</param>
    /// <param name="mail">Emails arriving from the clock's time to <paramref name="until"/>, in order of arrival.</param>
    /// <param name="predict">Predicts a batch (category and confidence per email, in order).</param>
    /// <param name="options">Window, labels, malformed lines, a stretch of failing writes.</param>
    /// <exception cref="ArgumentException">An email arrives before the clock's time or after <paramref name="until"/>, or out of order.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="until"/> is not after the clock's time, or more than 31 days after it.</exception>
    public InboxReplayDay RunUntil(
        DateTimeOffset until, IReadOnlyList<EmailMessage> mail, Func<IReadOnlyList<EmailMessage>, IReadOnlyList<EmailPrediction>> predict, InboxReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(predict);
        options = (options ?? new InboxReplayOptions()).Validated();
        var start = Clock.GetUtcNow();
        if (until <= start || until > start.AddDays(31))
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"until must be after the clock's time {start:O} and at most 31 days later.");
        }

        CheckArrivals(mail, start, until);
        using var metrics = new InboxMetrics();
        using var recorder = new InboxMetricsRecorder(metrics);
        using var job = InboxBatchJob.Open(new InboxJobOptions(InboxPath, OutputDirectory) { BatchSize = options.BatchSize }, metrics.Measure(predict), Clock);
        metrics.WatchBacklog(job.MeasureBacklog);
        var (runs, failures, next) = (new List<JobRunResult?>(), new List<string>(), 0);
        for (var end = start + options.Window; end <= until; end += options.Window)
        {
            var first = next;
            while (next < mail.Count && mail[next].ReceivedAt < end)
            {
                next++;
            }

            Append(mail.Skip(first).Take(next - first), options);
            Clock.SetTo(end);
            SetWritesFailing(options.WritesFailFrom is { } from && IsWithin(end, from, options.WritesFailFor));
            runs.Add(RunOnce(metrics, recorder, job, failures));
            recorder.EndRun(end);
        }

        SetWritesFailing(false);
        Clock.SetTo(until);
        return new InboxReplayDay(runs, failures, recorder.Runs);
    }

    /// <summary>Where the job stands, from its files: inbox length, checkpoint position and commits, half-written files.</summary>
    public InboxReplayProgress Progress()
    {
        var checkpoint = InboxCheckpoint.Load(OutputDirectory);
        var halfWritten = Directory.Exists(OutputDirectory) ? Directory.EnumerateFiles(OutputDirectory, "*.tmp", SearchOption.AllDirectories).Count() : 0;
        return new InboxReplayProgress(new FileInfo(InboxPath).Length, checkpoint.Offset, checkpoint.Commits, halfWritten);
    }

    /// <summary>The job's output against what was appended: results, lost emails, emails classified twice, dead letters.</summary>
    /// <exception cref="InvalidDataException">A results or dead-letter file is damaged.</exception>
    public InboxAudit Audit()
    {
        var results = Directory.Exists(OutputDirectory) ? InboxBatchJob.ReadResults(OutputDirectory) : [];
        var deadLetters = Directory.Exists(OutputDirectory) ? InboxBatchJob.ReadDeadLetters(OutputDirectory).Count : 0;
        var classified = results.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var appended = AppendedIds;
        return new InboxAudit(appended.Count, MalformedLines, results.Count, appended.Count(id => !classified.Contains(id)), results.Count - classified.Count, deadLetters);
    }

    /// <summary>Settings for a worker process on this replay's inbox and output, running every second.</summary>
    /// <param name="modelFolder">A saved classifier (<see cref="EmailClassifier.Save"/>).</param>
    public InboxWorkerSettings WorkerSettings(string modelFolder) =>
        new(InboxPath, modelFolder, OutputDirectory) { Period = TimeSpan.FromSeconds(1) };

    /// <summary>Deletes the folder (the inbox, the output and anything else in it).</summary>
    public void Dispose()
    {
        try
        {
            SetWritesFailing(false);
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // a process still holds a file: the temporary folder is left for the system to clean
        }
    }

    // /dev/shm when it exists with at least 256 MB free, else the system's temporary folder.
    private static string TemporaryRoot()
    {
        const string Memory = "/dev/shm";
        try
        {
            if (OperatingSystem.IsLinux() && Directory.Exists(Memory) && new DriveInfo(Memory).AvailableFreeSpace > 256L << 20)
            {
                return Memory;
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // not usable: the ordinary temporary folder will do
        }

        return Path.GetTempPath();
    }

    private DateTimeOffset NextMidnight()
    {
        var now = Clock.GetUtcNow();
        return new DateTimeOffset(now.Date.AddDays(1), now.Offset);
    }

    // Temporary folders are named batchlearning-inbox-PID-GUID: those of processes that no longer run are removed.
    private static void RemoveLeftovers(string root)
    {
        foreach (var folder in Directory.EnumerateDirectories(root, TemporaryPrefix + "*"))
        {
            var pid = Path.GetFileName(folder)[TemporaryPrefix.Length..].Split('-')[0];
            if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && !IsRunning(id))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    // another process is removing it, or it is not ours to remove
                }
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void CheckArrivals(IReadOnlyList<EmailMessage> mail, DateTimeOffset start, DateTimeOffset end)
    {
        for (var i = 0; i < mail.Count; i++)
        {
            if (mail[i].ReceivedAt < start || mail[i].ReceivedAt >= end || (i > 0 && mail[i].ReceivedAt < mail[i - 1].ReceivedAt))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"mail[{i}] ({mail[i].Id}) arrives at {mail[i].ReceivedAt:O}: each email must arrive from the clock's time {start:O} to {end:O}, in order of arrival."), nameof(mail));
            }
        }
    }

    private static bool IsWithin(DateTimeOffset at, TimeOnly from, TimeSpan length)
    {
        var since = at.TimeOfDay - from.ToTimeSpan();
        return since >= TimeSpan.Zero && since < length;
    }

    private static JobRunResult? RunOnce(InboxMetrics metrics, InboxMetricsRecorder recorder, InboxBatchJob job, List<string> failures)
    {
        recorder.ObserveGauges();
        try
        {
            return metrics.Run(job);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            failures.Add(error.Message);
            return null;
        }
    }

    // Writes fail while a file stands where the job's results folder should be (the folder is set aside meanwhile): nothing can be created in it,
    // as on a full disk, whoever runs the job, root included.
    private void SetWritesFailing(bool failing)
    {
        if (failing == _writesFailing)
        {
            return;
        }

        var results = Path.Combine(OutputDirectory, ResultsFolder);
        var aside = Path.Combine(OutputDirectory, SetAside);
        if (failing)
        {
            Directory.Move(results, aside);
            File.WriteAllText(results, "");
        }
        else
        {
            File.Delete(results);
            Directory.Move(aside, results);
        }

        _writesFailing = failing;
    }
}
