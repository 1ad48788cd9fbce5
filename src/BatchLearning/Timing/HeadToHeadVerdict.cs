namespace BatchLearning.Timing;

/// <summary>What a <see cref="HeadToHead"/> comparison can say about its two ways on one run.</summary>
public enum HeadToHeadVerdict
{
    /// <summary>The rounds could not tell the ways apart: their ratios' interval reaches 1, or the difference is within the margin.</summary>
    TooCloseToCall,

    /// <summary>The first way took less time per unit, beyond doubt on this run.</summary>
    FirstFaster,

    /// <summary>The second way took less time per unit, beyond doubt on this run.</summary>
    SecondFaster,
}
