using System.Text.Json.Nodes;
using BatchLearning.Runner;
using BatchLearning.Timing;

namespace BatchLearning.Tests.Notebooks;

/// <summary>A timing finding as a notebook run showed it: its machine-readable form (<see cref="TimingFinding.MimeType"/>) and its sentence.</summary>
internal sealed record ShownFinding(string Subject, string Verdict, string? ExpectedVerdict, double FirstMilliseconds, double SecondMilliseconds,
    double MedianRatio, double? RatioLow, double? RatioHigh, string Sentence)
{
    /// <summary>Every finding the run's cells showed, in cell order.</summary>
    public static IReadOnlyList<ShownFinding> AllIn(NotebookRun run) =>
        run.Document.Cells.Where(c => run.Executions.ContainsKey(c.Index)).SelectMany(c => run.Executions[c.Index].Outputs)
            .Where(o => o.Data.ContainsKey(TimingFinding.MimeType))
            .Select(o => Parse(JsonNode.Parse(o.Data[TimingFinding.MimeType])!.AsObject(), o.Text))
            .ToList();

    /// <summary>
    /// Whether the verdict is what the numbers shown beside it allow: a winner only with the faster median on its side, its whole ratio interval
    /// beyond 1; too close to call only when the interval reaches 1 (or there is none) or the median ratio is within 5 % of 1.
    /// </summary>
    public bool AgreesWithNumbers => Verdict switch
    {
        nameof(HeadToHeadVerdict.SecondFaster) => SecondMilliseconds < FirstMilliseconds && RatioLow > 1 && MedianRatio > 1,
        nameof(HeadToHeadVerdict.FirstFaster) => FirstMilliseconds < SecondMilliseconds && RatioHigh < 1 && MedianRatio < 1,
        nameof(HeadToHeadVerdict.TooCloseToCall) => RatioLow is null || RatioLow <= 1 && RatioHigh >= 1 || Math.Abs(Math.Log(MedianRatio)) < Math.Log(1.05),
        _ => false,
    };

    private static ShownFinding Parse(JsonObject json, string sentence) => new(
        (string)json["subject"]!, (string)json["verdict"]!, (string?)json["expectedVerdict"], (double)json["firstMilliseconds"]!, (double)json["secondMilliseconds"]!,
        (double)json["medianRatio"]!, (double?)json["ratioLow"], (double?)json["ratioHigh"], sentence);
}
