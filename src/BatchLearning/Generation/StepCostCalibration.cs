namespace BatchLearning.Generation;

/// <summary>Measured forward-pass times of an engine at several batch sizes, and the cost model fitted to them.</summary>
/// <param name="Points">One row per batch size: median milliseconds of a decode pass and of a prefill pass.</param>
/// <param name="Fit">The fitted step cost.</param>
public sealed record StepCostCalibration(IReadOnlyList<StepCostPoint> Points, StepCostModel Fit)
{
    /// <summary>One sentence on the fit: the fixed cost, the cost per sequence and the break-even batch size.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"A decode pass costs {Fit.FixedSeconds * 1e3:0.000} ms + {Fit.PerSequenceSeconds * 1e3:0.0000} ms per sequence, so the per-sequence part of a pass equals its fixed part at a batch of about {Fit.BreakEvenBatch:0} (s0 / s1); a prefill pass costs {Fit.PrefillFixedSeconds * 1e3:0.000} ms + {Fit.PerPromptTokenSeconds * 1e3:0.0000} ms per padded prompt token. This first estimate, from passes timed alone, sets the load below; the passes of the measured runs refit it.");
}

/// <summary>Median times of one batch size in a <see cref="StepCostCalibration"/>.</summary>
/// <param name="BatchSize">Sequences in the pass.</param>
/// <param name="DecodeMs">Median milliseconds of a decode pass.</param>
/// <param name="PrefillMs">Median milliseconds of a prefill pass over the same number of prompts.</param>
/// <param name="PaddedPromptTokens">The prefill's prompt tokens, padded to the longest.</param>
/// <param name="DecodeTokensPerSecond">Tokens per second of the decode pass (batch size / its time).</param>
public sealed record StepCostPoint(int BatchSize, double DecodeMs, double PrefillMs, int PaddedPromptTokens, double DecodeTokensPerSecond);
