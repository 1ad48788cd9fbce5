using System.Globalization;

namespace BatchLearning.Jobs;

/// <summary>How an <see cref="InboxReplay"/> writes mail into its inbox and runs the job over a simulated day.</summary>
public sealed record InboxReplayOptions
{
    /// <summary>Time between two runs of the job, from 1 minute to 1 day; 5 minutes by default.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A malformed line (a truncated write: <c>{"id": "broken-N", "subject": </c>) follows every this-many emails appended, counted over the replay's life;
    /// 0 for none (the default), otherwise from 1 to 10,000,000.
    /// </summary>
    public int MalformedLineEvery { get; init; }

    /// <summary>True to keep each email's category in the inbox, as if the user's label arrived with it (the job then measures agreement); false (default) drops it.</summary>
    public bool KeepLabels { get; init; }

    /// <summary>
    /// From this time of day, every write of the job fails for <see cref="WritesFailFor"/> (a file stands where its results folder should be, so creating a results file fails,
    /// as on a full disk); null (default) for never.
    /// </summary>
    public TimeOnly? WritesFailFrom { get; init; }

    /// <summary>How long writes fail from <see cref="WritesFailFrom"/>, from 0 to 1 day; an hour by default.</summary>
    public TimeSpan WritesFailFor { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Emails per forward pass, from 1 to 100,000; 256 by default.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Checks every value, naming the one out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public InboxReplayOptions Validated()
    {
        if (Window < TimeSpan.FromMinutes(1) || Window > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, $"Window must be from 1 minute to 1 day; got {Window}.");
        }

        if (MalformedLineEvery is < 0 or > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MalformedLineEvery), MalformedLineEvery, string.Create(CultureInfo.InvariantCulture, $"MalformedLineEvery must be 0 (none) or from 1 to 10,000,000 emails; got {MalformedLineEvery}."));
        }

        if (WritesFailFor < TimeSpan.Zero || WritesFailFor > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(WritesFailFor), WritesFailFor, $"WritesFailFor must be from 0 to 1 day; got {WritesFailFor}.");
        }

        if (BatchSize is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, string.Create(CultureInfo.InvariantCulture, $"BatchSize must be from 1 to 100,000; got {BatchSize}."));
        }

        return this;
    }
}
