namespace BatchLearning.Generation;

/// <summary>
/// What one forward pass costs, in seconds: a decode pass over d sequences takes <see cref="FixedSeconds"/> + <see cref="PerSequenceSeconds"/> x d,
/// and prefilling new prompts adds <see cref="PrefillFixedSeconds"/> + <see cref="PerPromptTokenSeconds"/> x (prompt tokens, padded to the longest).
/// Fitted from measured steps (<see cref="Fit"/>), or set by hand to explore other hardware (a GPU's pass costs nearly the same for 1 or 64 sequences).
/// </summary>
/// <param name="FixedSeconds">s0: a decode pass's cost that does not grow with the batch (weights read once, kernel launches, framework overhead), 0 or more.</param>
/// <param name="PerSequenceSeconds">s1: the cost of one more sequence in a decode pass, 0 or more.</param>
/// <param name="PrefillFixedSeconds">The fixed cost of a prefill pass, 0 or more.</param>
/// <param name="PerPromptTokenSeconds">The cost per (padded) prompt token in a prefill pass, 0 or more.</param>
/// <exception cref="ArgumentOutOfRangeException">A cost is NaN, infinite, negative or above <see cref="LongestStepSeconds"/>; the message names it and the range.</exception>
public sealed record StepCostModel(double FixedSeconds, double PerSequenceSeconds, double PrefillFixedSeconds = 0, double PerPromptTokenSeconds = 0)
{
    /// <summary>The most any one cost may be: 1,000 seconds for one forward pass.</summary>
    public const double LongestStepSeconds = 1_000;

    /// <summary>s0, from 0 to <see cref="LongestStepSeconds"/>.</summary>
    public double FixedSeconds { get; init; } = Guard.InRange(FixedSeconds, 0, LongestStepSeconds);

    /// <summary>s1, from 0 to <see cref="LongestStepSeconds"/>.</summary>
    public double PerSequenceSeconds { get; init; } = Guard.InRange(PerSequenceSeconds, 0, LongestStepSeconds);

    /// <summary>The prefill pass's fixed cost, from 0 to <see cref="LongestStepSeconds"/>.</summary>
    public double PrefillFixedSeconds { get; init; } = Guard.InRange(PrefillFixedSeconds, 0, LongestStepSeconds);

    /// <summary>The cost per prompt token, from 0 to <see cref="LongestStepSeconds"/>.</summary>
    public double PerPromptTokenSeconds { get; init; } = Guard.InRange(PerPromptTokenSeconds, 0, LongestStepSeconds);

    /// <summary>What the curve is, as a table row or a chart names it: "this machine (fitted)" unless set (the GPU-like curve says it is illustrative).</summary>
    public string Label { get; init; } = "this machine (fitted)";

    /// <summary>
    /// An illustrative (not measured) curve for a 7-billion-parameter model on one data-centre GPU: a decode pass reads all the weights whatever the batch
    /// (about 8 ms) plus 0.06 ms per sequence; a prefill pass 8 ms plus 0.03 ms per prompt token.
    /// </summary>
    public static StepCostModel IllustrativeGpu { get; } = new(0.008, 0.00006, 0.008, 0.00003) { Label = "illustrative GPU-like curve (not measured)" };

    /// <summary>The seconds of a step with <paramref name="decodeSequences"/> decoded and <paramref name="paddedPromptTokens"/> prompt tokens prefilled.</summary>
    public double Seconds(int decodeSequences, int paddedPromptTokens) =>
        (decodeSequences > 0 ? FixedSeconds + PerSequenceSeconds * decodeSequences : 0)
        + (paddedPromptTokens > 0 ? PrefillFixedSeconds + PerPromptTokenSeconds * paddedPromptTokens : 0);

    /// <summary>The batch size at which the per-sequence cost equals the fixed cost (s0 / s1): batching pays most below it.</summary>
    public double BreakEvenBatch => PerSequenceSeconds > 0 ? FixedSeconds / PerSequenceSeconds : double.PositiveInfinity;

    /// <summary>Tokens per second of a decode pass over <paramref name="sequences"/> sequences.</summary>
    public double DecodeTokensPerSecond(int sequences) => sequences / Seconds(sequences, 0);

    /// <summary>
    /// The least-squares fit of the four costs to measured steps (negative costs, which noise can produce, are set to 0 and the rest refitted),
    /// scaled so that the fitted times of the steps add up to their measured total.
    /// Give steps of several batch sizes, for example from a static and a continuous run together.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 4 steps.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A step's seconds are NaN, infinite, negative or above 1e9, or its counts are negative; the message names the step.</exception>
    public static StepCostModel Fit(IEnumerable<GenerationStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var rows = steps.Select(s => (X: new[] { s.DecodeSequences > 0 ? 1.0 : 0, s.DecodeSequences, s.PaddedPromptTokens > 0 ? 1.0 : 0, s.PaddedPromptTokens }, Y: Measured(s))).ToList();
        if (rows.Count < 4)
        {
            throw new ArgumentException(GenerationRequest.Text($"Fitting the step cost needs at least 4 steps; got {rows.Count}."), nameof(steps));
        }

        var active = new[] { true, true, true, true };
        double[] fit;
        while (true)
        {
            fit = LeastSquares(rows, active);
            var negative = Array.FindIndex(fit, c => c < 0);
            if (negative < 0)
            {
                break;
            }

            active[negative] = false;
        }

        // Scaled so the fitted steps add up to the measured total: throughput and queueing then match the measured run even when
        // a few steps were stretched by other work on the machine (which pulls a least-squares line but not a total).
        var fitted = rows.Sum(r => r.X.Zip(fit, (x, c) => x * c).Sum());
        var scale = fitted > 0 ? rows.Sum(r => r.Y) / fitted : 1;
        return new StepCostModel(fit[0] * scale, fit[1] * scale, fit[2] * scale, fit[3] * scale);
    }

    // A step's seconds, refused when they cannot be fitted (a NaN would make every cost NaN).
    private static double Measured(GenerationStep step)
    {
        Guard.InRange(step.DecodeSequences, 0, int.MaxValue, $"steps[{step.Index}].DecodeSequences");
        Guard.InRange(step.PaddedPromptTokens, 0, int.MaxValue, $"steps[{step.Index}].PaddedPromptTokens");
        return Guard.InRange(step.Seconds, 0, 1e9, $"steps[{step.Index}].Seconds");
    }

    private static double[] LeastSquares(List<(double[] X, double Y)> rows, bool[] active)
    {
        const int k = 4;
        var a = NormalEquations(rows, active, k);
        for (var column = 0; column < k; column++)
        {
            var pivot = Enumerable.Range(column, k - column).MaxBy(r => Math.Abs(a[r, column]));
            for (var j = 0; j <= k; j++)
            {
                (a[column, j], a[pivot, j]) = (a[pivot, j], a[column, j]);
            }

            for (var r = 0; r < k; r++)
            {
                if (r != column && a[column, column] != 0)
                {
                    var factor = a[r, column] / a[column, column];
                    for (var j = column; j <= k; j++)
                    {
                        a[r, j] -= factor * a[column, j];
                    }
                }
            }
        }

        return Enumerable.Range(0, k).Select(i => active[i] && a[i, i] != 0 ? a[i, k] / a[i, i] : 0).ToArray();
    }

    // [XᵀX | Xᵀy] over the active columns (an inactive column is a unit row), with a tiny ridge.
    private static double[,] NormalEquations(List<(double[] X, double Y)> rows, bool[] active, int k)
    {
        var a = new double[k, k + 1];
        foreach (var (x, y) in rows)
        {
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    a[i, j] += active[i] && active[j] ? x[i] * x[j] : 0;
                }

                a[i, k] += active[i] ? x[i] * y : 0;
            }
        }

        for (var i = 0; i < k; i++)
        {
            a[i, i] += 1e-12 * (1 + a[i, i]) + (active[i] ? 0 : 1); // a tiny ridge keeps an unused or collinear column solvable
        }

        return a;
    }
}
