namespace BatchLearning.Tests.Support;

/// <summary>
/// Tests that compare timings run alone, after the parallel tests: a kernel running a notebook on the other core
/// stalls libtorch's multi-threaded operations and would make the comparison measure the neighbour, not the code.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
