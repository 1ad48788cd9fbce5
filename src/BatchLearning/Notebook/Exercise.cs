namespace BatchLearning.Notebook;

/// <summary>Check cells for the "Try it yourself" exercises: they tell the learner whether an answer holds on this run's measurements.</summary>
public static class Exercise
{
    /// <summary>A one-line verdict: "Right" or "Not this time", followed by the measured reason.</summary>
    /// <param name="holds">Whether the learner's answer agrees with what was measured.</param>
    /// <param name="measured">What was measured, in words and numbers, so the verdict can be checked.</param>
    public static string Check(bool holds, string measured)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(measured);
        return (holds ? "Right: " : "Not this time: ") + measured;
    }
}
