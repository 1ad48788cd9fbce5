using System.Text.RegularExpressions;

namespace BatchLearning.Cli.Lessons;

/// <summary>A package a notebook references with <c>#r "nuget: NAME, VERSION"</c>.</summary>
/// <param name="Name">The package id, for example "TorchSharp-cpu".</param>
/// <param name="Version">Its pinned version, for example "0.107.0".</param>
internal sealed record PackageReference(string Name, string Version);

/// <summary>
/// The kernel directives of a code cell: <c>#r "nuget: NAME, VERSION"</c> lines become the lesson's package (or project) references;
/// every other kernel directive (a magic command such as <c>#!time</c>, <c>#i</c>, <c>#load</c>, <c>#r</c> of a file) is refused, naming the line.
/// </summary>
internal static partial class CellDirectives
{
    /// <summary>The cell's text with its <c>#r "nuget: ..."</c> lines blanked (so positions and line numbers stay), and the packages they name.</summary>
    /// <param name="source">The cell's text.</param>
    /// <param name="refuse">Called with a line number (from 1) and the reason, when a line is a directive a lesson cannot carry; it throws.</param>
    public static (string Code, IReadOnlyList<PackageReference> Packages) Strip(string source, Func<int, string, Exception> refuse)
    {
        var lines = source.Split('\n');
        var packages = new List<PackageReference>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith('#'))
            {
                continue;
            }

            if (NuGet().Match(line) is { Success: true } package)
            {
                packages.Add(package.Groups["version"].Success
                    ? new PackageReference(package.Groups["name"].Value, package.Groups["version"].Value)
                    : throw refuse(i + 1, $"'{line}' names no version; pin one (#r \"nuget: {package.Groups["name"].Value}, VERSION\"), as every course notebook does, so the lesson can pin the same."));
                lines[i] = "";
            }
            else if (line is "#!csharp" or "#!c#")
            {
                lines[i] = ""; // the cell's language, C#: nothing to run
            }
            else if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                throw refuse(i + 1, $"'{line}' is a .NET Interactive magic command; a lesson is a plain C# program without the notebook kernel. "
                                    + "Do the same in C# in the notebook (for example time with System.Diagnostics.Stopwatch), or remove it.");
            }
            else if (KernelDirective().IsMatch(line))
            {
                throw refuse(i + 1, $"'{line}' is a notebook kernel directive a lesson cannot carry: a lesson references packages "
                                    + "(#r \"nuget: NAME, VERSION\" in the notebook) and the course library only.");
            }
        }

        return (string.Join('\n', lines), packages);
    }

    [GeneratedRegex("^#r\\s+\"nuget:\\s*(?<name>[A-Za-z0-9_.\\-]+)\\s*(,\\s*(?<version>[^\"\\s,]+)\\s*)?\"$")]
    private static partial Regex NuGet();

    [GeneratedRegex(@"^#(r|i|load)\b")]
    private static partial Regex KernelDirective();
}
