namespace BatchLearning;

/// <summary>
/// Defaults shared by every layer of the library. They live in the root namespace so the simulators, the trainers and the notebook
/// helpers can all take them without importing one another.
/// </summary>
public static class CourseDefaults
{
    /// <summary>The seed of every notebook's run unless its parameters cell sets another (the year the course was written).</summary>
    public const long Seed = 2026;
}
