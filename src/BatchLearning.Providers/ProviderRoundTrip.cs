using BatchLearning.Email;
using BatchLearning.Findings;
using static System.FormattableString;

namespace BatchLearning.Providers;

/// <summary>
/// A batch round trip's outcome over every batch it took (the first and each resend of the unfinished requests), matched by <c>custom_id</c>:
/// the final answer for each email, the lines refused on their own, what is still unfinished, and the answers that came back in all.
/// </summary>
/// <param name="Batches">Each batch, in order.</param>
/// <param name="Final">The last round's report over all the emails sent.</param>
/// <param name="AnswersReceived">Answers received over every batch (one email answered twice counts twice).</param>
public sealed record ProviderRoundTrip(IReadOnlyList<ProviderBatchRow> Batches, ProviderResultReport Final, int AnswersReceived)
{
    /// <summary>The emails answered in the end.</summary>
    public IReadOnlyList<ProviderResult> Answered => Final.Results.Where(r => r.Status == ProviderResultStatus.Succeeded).ToList();

    /// <summary>The lines refused on their own (each with the provider's reason).</summary>
    public IReadOnlyList<ProviderResult> Refused => Final.Results.Where(r => r.Status == ProviderResultStatus.Errored).ToList();

    /// <summary>Emails with no answer yet: missing from every result file, or expired in the last round.</summary>
    public int Unfinished => Final.Missing.Count + Final.Count(ProviderResultStatus.Expired);

    /// <summary>Answers beyond one per answered email.</summary>
    public int AnsweredTwice => AnswersReceived - Answered.Count;

    /// <summary>Reads every batch <paramref name="client"/> sent and the last of <paramref name="rounds"/>.</summary>
    /// <exception cref="ArgumentException">No rounds, or the last round has no report (its results were not collected).</exception>
    public static ProviderRoundTrip Collect(ProviderBatchClient client, IReadOnlyList<ProviderBatchOutcome> rounds)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(rounds);
        var final = rounds.Count == 0 ? null : rounds[^1].Report;
        if (final is null)
        {
            throw new ArgumentException("The last round has no results to report: run the batch to its end (RunAsync or ResendUnfinishedAsync) before collecting it.", nameof(rounds));
        }

        var rows = (client.State?.Batches ?? []).Select(b =>
        {
            var report = ProviderBatchClient.MatchResults(client.Provider, Path.Combine(client.Directory, b.RequestFile),
                [.. b.Downloaded.Select(f => Path.Combine(client.Directory, f))]);
            return new ProviderBatchRow(b.RequestFile, b.Status, report.Results.Count + report.Missing.Count, report.Count(ProviderResultStatus.Succeeded),
                report.Count(ProviderResultStatus.Expired), report.Count(ProviderResultStatus.Errored));
        }).ToList();
        return new ProviderRoundTrip(rows, final, rows.Sum(r => r.Succeeded));
    }

    /// <summary>
    /// The round trip in a sentence: batches, the first batch's end, answered, refused (with the reasons), unfinished, answered twice, and, when
    /// <paramref name="local"/> is given, how many answers are the local classifier's own categories. The verdict: "each answered once" or "some answered twice".
    /// </summary>
    /// <param name="emailsSent">Emails sent.</param>
    /// <param name="local">The category the course's server's classifier gives each email id, computed locally, to check the round trip returned them intact; null when the answers came from a provider's model.</param>
    public Finding Describe(int emailsSent, IReadOnlyDictionary<string, EmailCategory>? local = null)
    {
        var answered = Answered;
        var refused = Refused;
        var first = Batches.Count == 0 ? "no batch was sent" : Invariant($"the first ended {Batches[0].Status} with {Batches[0].Succeeded:N0} answered");
        var why = refused.Count == 0 ? "" : (refused.Count == 1 ? " on its own line" : ", each on its own line") + Invariant($" ({string.Join("; ", refused.Select(r => r.Detail))})");
        var same = local is null ? 0 : answered.Count(r => local.TryGetValue(r.CustomId, out var category) && r.Category == category);
        var text = Invariant($"{emailsSent:N0} emails went out in {Batches.Count} batch{(Batches.Count == 1 ? "" : "es")}; {first}. ") +
            Invariant($"In the end {answered.Count:N0} were answered, {refused.Count} refused{why}, and {Unfinished} unfinished; {AnswersReceived:N0} answers came back, so ") +
            (AnsweredTwice == 0 ? "no email was answered twice." : Invariant($"{AnsweredTwice} were answered twice.")) +
            (local is null ? "" : Invariant($" Matched by custom_id, {same:N0} of {answered.Count:N0} are the classifier's own categories (the course's server runs the same classifier)."));
        return Finding.Of("the batch round trip", text, ("emailsSent", emailsSent), ("batches", Batches.Count), ("firstBatchAnswered", Batches.Count == 0 ? 0 : Batches[0].Succeeded),
            ("answered", answered.Count), ("refused", refused.Count), ("unfinished", Unfinished), ("answersReceived", AnswersReceived),
            ("sameAsClassifier", local is null ? double.NaN : same))
            with { Verdict = AnsweredTwice == 0 ? "each answered once" : "some answered twice" };
    }
}
