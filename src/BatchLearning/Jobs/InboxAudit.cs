using System.Globalization;

namespace BatchLearning.Jobs;

/// <summary>What the job's output holds against what was appended to its inbox: nothing should be lost or classified twice.</summary>
/// <param name="Appended">Emails appended to the inbox.</param>
/// <param name="MalformedLines">Malformed lines appended.</param>
/// <param name="Results">Results committed (one per classified email, unless one was classified twice).</param>
/// <param name="Lost">Appended emails with no committed result.</param>
/// <param name="Duplicated">Results beyond the first for the same email.</param>
/// <param name="DeadLetters">Lines in the dead-letter files.</param>
public sealed record InboxAudit(int Appended, int MalformedLines, int Results, int Lost, int Duplicated, int DeadLetters)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Appended:N0} emails and {MalformedLines:N0} malformed lines appended: {Results:N0} results, {Lost:N0} lost, {Duplicated:N0} classified twice, {DeadLetters:N0} dead letters");
}
