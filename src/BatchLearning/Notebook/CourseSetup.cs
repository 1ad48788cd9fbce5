namespace BatchLearning.Notebook;

/// <summary>What a notebook's setup call found: the hardware and versions every number in the notebook comes from.</summary>
/// <param name="Device">"cpu" or "cuda".</param>
/// <param name="Backend">"CPU" or "CUDA (n device(s))".</param>
/// <param name="TorchThreads">Threads libtorch uses for one operation.</param>
/// <param name="LogicalProcessors">Logical processors the operating system reports.</param>
/// <param name="OperatingSystem">The operating system, as .NET describes it.</param>
/// <param name="DotNetVersion">The .NET runtime version.</param>
/// <param name="BatchLearningVersion">The version of this library.</param>
/// <param name="TorchSharpVersion">The TorchSharp bindings' version.</param>
/// <param name="LibTorchVersion">The native libtorch version.</param>
/// <param name="LibStdCxxStep">Whether the libstdc++ compatibility step was needed here.</param>
/// <param name="Seed">The seed given to torch and every shuffle.</param>
public sealed record CourseSetup(
    string Device,
    string Backend,
    int TorchThreads,
    int LogicalProcessors,
    string OperatingSystem,
    string DotNetVersion,
    string BatchLearningVersion,
    string TorchSharpVersion,
    string LibTorchVersion,
    string LibStdCxxStep,
    long Seed);
