using BatchLearning.Training;

namespace BatchLearning.Experiments;

/// <summary>The runs of a grid trained under one learning-rate scaling rule.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Results">Its runs, every batch size with several seeds.</param>
public sealed record ScaledRuns(ScalingRule Rule, GridResults Results)
{
    /// <summary>The rule's name in a sentence: "no scaling", "square-root rule" or "linear rule".</summary>
    public string Name => NameOf(Rule);

    /// <summary>A rule's name in a sentence: "no scaling", "square-root rule" or "linear rule".</summary>
    public static string NameOf(ScalingRule rule) => rule switch
    {
        ScalingRule.None => "no scaling",
        ScalingRule.SquareRoot => "square-root rule",
        _ => "linear rule",
    };
}
