using System.Net;

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
    long Seed)
{
    /// <summary>The setup in plain words, one line each: ready, where the arithmetic runs, the versions, and the compatibility note when there is one.</summary>
    public IReadOnlyList<string> Lines()
    {
        var where = Device == "cuda"
            ? $"Ready. The arithmetic runs on your GPU ({Backend})."
            : $"Ready. The arithmetic runs on the CPU: {TorchThreads} thread{(TorchThreads == 1 ? "" : "s")} on {LogicalProcessors} logical processor{(LogicalProcessors == 1 ? "" : "s")} (no GPU in use).";
        var lines = new List<string>
        {
            where,
            $"Versions: .NET {DotNetVersion}, TorchSharp {TorchSharpVersion} (libtorch {LibTorchVersion}), BatchLearning {BatchLearningVersion}; {OperatingSystem}.",
            $"Seed: {Seed} (the same seed gives the same random data, weights and shuffles).",
        };
        if (LibStdCxxStep.StartsWith("applied", StringComparison.Ordinal))
        {
            lines.Add("Note (information, nothing to do): this Linux's C++ runtime is older than TorchSharp's native library asks for; that requirement is only " +
                      "a label, so the library marked it optional and TorchSharp loaded normally.");
        }

        return lines;
    }

    /// <summary>The same lines as text, for consoles and plain-text front ends.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Lines());

    /// <summary>The same lines as HTML, with the full record in a collapsed details element.</summary>
    public string ToHtml()
    {
        var lines = Lines().Select(l => $"<div>{WebUtility.HtmlEncode(l)}</div>");
        var details = new (string Name, string Value)[]
        {
            ("Device", Device), ("Backend", Backend), ("TorchThreads", TorchThreads.ToString()), ("LogicalProcessors", LogicalProcessors.ToString()),
            ("OperatingSystem", OperatingSystem), (".NET", DotNetVersion), ("BatchLearning", BatchLearningVersion), ("TorchSharp", TorchSharpVersion),
            ("libtorch", LibTorchVersion), ("LibStdCxxStep", LibStdCxxStep), ("Seed", Seed.ToString()),
        }.Select(d => $"<tr><td>{d.Name}</td><td>{WebUtility.HtmlEncode(d.Value)}</td></tr>");
        return $"<div class=\"batchlearning-setup\">{string.Concat(lines)}<details><summary>Details</summary><table>{string.Concat(details)}</table></details></div>";
    }
}
