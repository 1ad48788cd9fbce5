using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>Every figure of one benchmark run with the machine and the date: written as results.json and as a Markdown table (results.md).</summary>
internal sealed record BenchReport(DateTimeOffset Date, bool Quick, MachineInfo Machine, IReadOnlyList<BenchFigure> Figures)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes results.json and results.md into <paramref name="directory"/>; returns their paths.</summary>
    public (string Json, string Markdown) Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "results.json");
        var markdown = Path.Combine(directory, "results.md");
        File.WriteAllText(json, JsonSerializer.Serialize(this, Json));
        File.WriteAllText(markdown, ToMarkdown());
        return (json, markdown);
    }

    /// <summary>The report as Markdown: the machine, then one table row per figure.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Benchmark run of {Date:yyyy-MM-dd HH:mm} UTC{(Quick ? " (--quick: smaller sizes, not for quoting)" : "")}, {Machine.Configuration} build.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Machine: {Machine.Processor}, {Machine.LogicalCores} logical cores; device {Machine.Device} ({Machine.TorchThreads} torch threads); {Machine.OperatingSystem}; .NET {Machine.DotNet}, TorchSharp {Machine.TorchSharp}, libtorch {Machine.LibTorch}.\n\n");
        text.Append("| section | figure | median | min | max | unit | runs | target | met |\n|---|---|---:|---:|---:|---|---:|---|---|\n");
        foreach (var f in Figures)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {f.Section} | {f.Name} | {Number(f.Median)} | {Number(f.Min)} | {Number(f.Max)} | {f.Unit} | {f.Repetitions} | {f.Target ?? ""} | {(f.Met is null ? "" : f.Met.Value ? "yes" : "**no**")} |\n");
        }

        return text.ToString();
    }

    /// <summary>A figure's value as the report prints it: thousands separated from 1,000, one decimal from 10, three below.</summary>
    internal static string Number(double value) =>
        !double.IsFinite(value) ? "n/a"
        : Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.0", CultureInfo.InvariantCulture)
        : value.ToString("0.000", CultureInfo.InvariantCulture);
}
