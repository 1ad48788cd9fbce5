using BatchLearning.Findings;
using BatchLearning.Jobs;
using static System.FormattableString;

namespace BatchLearning.Workflow;

/// <summary>Notebook 06's closing advice, each point worded from the run's own numbers.</summary>
/// <param name="Split">Both paths at once.</param>
/// <param name="Waits">The periodic job's waits.</param>
/// <param name="Audit">The audit after the worker's kills.</param>
/// <param name="WorstOldestWaitingMinutes">The longest any email waited while writes failed, in minutes.</param>
/// <param name="Drift">The day's drift alarms.</param>
/// <param name="AgreementAfterRetraining">The retrained classifier's agreement the next day.</param>
/// <param name="EstimatePerDay">The provider batch's estimated day with every answer at its token cap, US dollars.</param>
/// <param name="Emails">Emails in the day the estimate is for.</param>
/// <param name="ProviderBatches">Batches the round trip took, resends included.</param>
/// <param name="AnsweredTwice">Emails the round trip got an answer for more than once.</param>
public sealed record InboxServiceAdvice(UrgencySplit Split, JobWaits Waits, InboxAudit Audit, double WorstOldestWaitingMinutes, DriftAlarm Drift,
    double AgreementAfterRetraining, double EstimatePerDay, int Emails, int ProviderBatches, int AnsweredTwice)
{
    /// <summary>Five points, one per line. The verdict: "nothing lost" when the audit found nothing lost or repeated, "check the job" otherwise.</summary>
    public Finding Advice()
    {
        var safe = Audit.Lost + Audit.Duplicated == 0;
        var lines = new[]
        {
            Invariant($"• Route by latency budget: urgent mail in real time (p99 {Split.UrgentP99Ms:0.0} ms here), the rest every {Waits.WindowSeconds / 60:0.##} minutes ") +
                Invariant($"(mean wait {Waits.MeanSeconds:0} s), both on one machine, ${Split.MachinePerDay:0.00} a day."),
            Invariant($"• Run the job as a worker service with atomic commits and a checkpoint: killed and refused its writes, it lost {Audit.Lost} emails and ") +
                Invariant($"classified {Audit.Duplicated} twice") + (safe ? "; bad lines became dead letters." : ": find the commit that was not atomic before trusting it."),
            Invariant($"• Alert on the oldest waiting email (it reached {WorstOldestWaitingMinutes:0} min while writes failed), on agreement ({AgreementAlarm()}) ") +
                Invariant($"and on a drop in confidence ({ConfidenceAlarm()}); retrain nightly ({AgreementAfterRetraining:P1} agreement after)."),
            Invariant($"• Count tokens before you send a day of mail to an LLM's Batch API (at most ${EstimatePerDay:0.00} for {Emails:N0} emails here, every answer at its token cap); ") +
                "send only on purpose: a key and submit.",
            Invariant($"• Expect a batch to end unfinished and resend only what is missing: the round trip here took {ProviderBatches} batches, {AnsweredTwice} emails answered twice."),
        };
        return Finding.Of("what this changes in your workflow", string.Join("\n", lines), ("urgentP99Ms", Split.UrgentP99Ms), ("meanWaitSeconds", Waits.MeanSeconds),
            ("lost", Audit.Lost), ("duplicated", Audit.Duplicated), ("worstOldestWaitingMinutes", WorstOldestWaitingMinutes),
            ("agreementAfterRetraining", AgreementAfterRetraining), ("providerBatches", ProviderBatches), ("answeredTwice", AnsweredTwice))
            with { Verdict = safe ? "nothing lost" : "check the job" };
    }

    private string AgreementAlarm() => Drift.Alert is { } alert
        ? Invariant($"below {Drift.AlertAgreement:P0} from {alert.Start:HH:mm}")
        : Invariant($"it stayed above {Drift.AlertAgreement:P0} all day");

    private string ConfidenceAlarm() => Drift.Unsure is { } unsure
        ? Invariant($"{DriftAlarm.ConfidenceDrop:0.00} under its usual level from {unsure.Start:HH:mm}")
        : Invariant($"it stayed within {DriftAlarm.ConfidenceDrop:0.00} of its usual level all day");
}
