namespace BatchLearning.Tests.Support;

/// <summary>
/// Tests that seed torch's global random generator and rely on what it produces next (model weights, dropout) run one at a time,
/// after the parallel tests, so no other test can draw from the generator in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRandomCollection
{
    public const string Name = "torch-random";
}
