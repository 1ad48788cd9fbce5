using System.Globalization;

namespace BatchLearning.Jobs;

/// <summary>What one run of the batch job did.</summary>
/// <param name="Commits">Commits made (0 when nothing new had arrived).</param>
/// <param name="Classified">Emails classified and written.</param>
/// <param name="DeadLetters">Lines sent to the dead-letter files.</param>
/// <param name="StartOffset">Inbox position where the run started.</param>
/// <param name="EndOffset">Inbox position after the last line processed.</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
public sealed record JobRunResult(int Commits, int Classified, int DeadLetters, long StartOffset, long EndOffset, double Seconds)
{
    /// <summary>The first line this run sent to the dead letters, with its reason (for the log); null when it sent none.</summary>
    public DeadLetter? FirstDeadLetter { get; init; }

    /// <inheritdoc />
    public override string ToString() => Commits == 0
        ? "nothing new in the inbox"
        : string.Create(CultureInfo.InvariantCulture, $"{Classified} emails classified, {DeadLetters} dead letters, {Commits} commit(s), {Seconds * 1000:0} ms");
}
