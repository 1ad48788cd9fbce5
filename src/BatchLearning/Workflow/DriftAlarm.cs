using BatchLearning.Email;
using BatchLearning.Findings;
using BatchLearning.Jobs;
using static System.FormattableString;

namespace BatchLearning.Workflow;

/// <summary>
/// What a day's hourly metrics said about drift: the agreement with the labels and the mean confidence before the new mail began,
/// the first hour the agreement fell below the alert level, the first hour the confidence fell <see cref="ConfidenceDrop"/> below its morning level,
/// and the last hour's values. Only hours with at least <see cref="MinimumPredicted"/> predictions count.
/// </summary>
/// <param name="Drift">The drift the day was generated with (its start is where "before" ends).</param>
/// <param name="AlertAgreement">The alert level for the agreement, between 0 and 1.</param>
/// <param name="AgreementBefore">The mean hourly agreement before the drift began.</param>
/// <param name="ConfidenceBefore">The mean hourly confidence before the drift began.</param>
/// <param name="Alert">The first hour after the start whose agreement fell below <paramref name="AlertAgreement"/>; null when none did.</param>
/// <param name="Unsure">The first hour after the start whose confidence fell <see cref="ConfidenceDrop"/> below <paramref name="ConfidenceBefore"/>; null when none did.</param>
/// <param name="Last">The day's last hour.</param>
public sealed record DriftAlarm(EmailDrift Drift, double AlertAgreement, double AgreementBefore, double ConfidenceBefore,
    InboxMetricsBucket? Alert, InboxMetricsBucket? Unsure, InboxMetricsBucket Last)
{
    /// <summary>How far below its morning level the mean confidence must fall to count as a sign.</summary>
    public const double ConfidenceDrop = 0.05;

    /// <summary>Hours with fewer predictions are too noisy to judge.</summary>
    public const int MinimumPredicted = 50;

    /// <summary>Reads the alarms off <paramref name="timeline"/>'s hours.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An alert level outside 0 to 1, or no hour with enough predictions before the drift began (nothing to compare with).</exception>
    public static DriftAlarm Watch(InboxMetricsTimeline timeline, EmailDrift drift, double alertAgreement)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(drift);
        Guard.InRange(alertAgreement, 0, 1, nameof(alertAgreement));
        var before = timeline.Buckets.Where(b => b.Start < drift.Start && b.Predicted >= MinimumPredicted).ToList();
        if (before.Count == 0)
        {
            throw Guard.OutOfRange(nameof(timeline), "no hour before the drift", Invariant($"at least one hour before {drift.Start:HH:mm} with {MinimumPredicted} or more predictions"));
        }

        var (agreed, sure) = (before.Average(b => b.Agreement), before.Average(b => b.MeanConfidence));
        return new DriftAlarm(drift, alertAgreement, agreed, sure, timeline.FirstBelow(b => b.Agreement, alertAgreement, drift.Start, MinimumPredicted),
            timeline.FirstBelow(b => b.MeanConfidence, sure - ConfidenceDrop, drift.Start, MinimumPredicted), timeline.Buckets[^1]);
    }

    /// <summary>"in the hour from 09:00", or "never this day" for an alarm that did not fire.</summary>
    public static string HourOf(InboxMetricsBucket? bucket) => bucket is null ? "never this day" : Invariant($"in the hour from {bucket.Start:HH:mm}");

    /// <summary>The morning's levels, when each alarm fired and the last hour's levels. The verdict: "alert fired" or "no alert".</summary>
    public Finding Describe()
    {
        var share = Alert is null ? "" : Invariant($", with the new spam at {Drift.ShareAt(Alert.Start.AddMinutes(30)):P0} of the mail");
        var text = Invariant($"Before the new spam (until {Drift.Start:HH:mm}) the classifier agreed with {AgreementBefore:P1} of the labels, mean confidence {ConfidenceBefore:0.000}. ") +
            Invariant($"Agreement first fell below {AlertAgreement:P0} {HourOf(Alert)}{share}; the mean confidence first fell {ConfidenceDrop:0.00} below its morning level {HourOf(Unsure)}. ") +
            Invariant($"By the last hour agreement was {Last.Agreement:P1} and confidence {Last.MeanConfidence:0.000}.");
        return Finding.Of("drift in the day's metrics", text, ("agreementBefore", AgreementBefore), ("confidenceBefore", ConfidenceBefore), ("alertAgreement", AlertAgreement),
            ("alertHour", Hour(Alert)), ("unsureHour", Hour(Unsure)), ("lastAgreement", Last.Agreement), ("lastConfidence", Last.MeanConfidence))
            with { Verdict = Alert is null ? "no alert" : "alert fired" };
    }

    /// <summary>
    /// The night's retraining judged on the next day: the new classifier's agreement and confidence against the old one's accuracy on the same mail.
    /// The verdict: "restored" when the new one agrees more than the old one and reaches the alert level, "not restored" otherwise.
    /// </summary>
    /// <param name="labelledEmails">Emails the new classifier was trained on.</param>
    /// <param name="agreementAfter">The new classifier's agreement with the next day's labels.</param>
    /// <param name="confidenceAfter">Its mean confidence on the next day.</param>
    /// <param name="oldModelAgreement">The old classifier's agreement with the same labels.</param>
    public Finding DescribeRetraining(int labelledEmails, double agreementAfter, double confidenceAfter, double oldModelAgreement)
    {
        var restored = agreementAfter > oldModelAgreement && agreementAfter >= AlertAgreement;
        var text = Invariant($"Retrained at midnight on {labelledEmails:N0} labelled emails, the classifier agreed with {agreementAfter:P1} of the next day's labels ") +
            Invariant($"(mean confidence {confidenceAfter:0.000}); the old one would have agreed with {oldModelAgreement:P1}. Retraining ") +
            (restored ? "restored" : "did not restore") + Invariant($" the agreement (alert level {AlertAgreement:P0}).");
        return Finding.Of("the nightly retraining", text, ("labelledEmails", labelledEmails), ("agreementAfter", agreementAfter), ("confidenceAfter", confidenceAfter),
            ("oldModelAgreement", oldModelAgreement), ("alertAgreement", AlertAgreement))
            with { Verdict = restored ? "restored" : "not restored" };
    }

    private double Hour(InboxMetricsBucket? bucket) => bucket is null ? double.NaN : bucket.Start.TimeOfDay.TotalHours;
}
