using System.CommandLine;
using System.Globalization;
using BatchLearning.Runner;
using Spectre.Console;

namespace BatchLearning.Cli.Benchmarks;

/// <summary>
/// <c>bench [--quick] [--claims]</c>: measures every part of the library against its limit on this machine, shows the tables, and writes
/// artifacts/bench/results.json and results.md. Each figure is the median of 5 repetitions after a warm-up, with min and max, except where a row says otherwise.
/// </summary>
internal static class BenchCommand
{
    private const int Repetitions = 5;

    /// <summary>The <c>bench</c> command's definition.</summary>
    internal static Command Create(IAnsiConsole console)
    {
        var quick = new Option<bool>("--quick") { Description = "Smaller sizes and no notebooks, under 2 minutes (a smoke test)." };
        var claims = new Option<bool>("--claims") { Description = "Only the claims section: the notebooks' taught comparisons under 10 seeds (2 with --quick), one core kept busy." };
        var command = new Command("bench", "Measures every part against its limit (matrix-product ceiling, inference, training, memory, dynamic batcher, simulator, text generation, the course's notebooks) and writes artifacts/bench/results.json and results.md; use -c Release.")
        {
            quick,
            claims,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(quick), parsed.GetValue(claims), console, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(bool quick, bool claimsOnly, IAnsiConsole console, CancellationToken cancellationToken)
    {
#if DEBUG
        console.MarkupLine("[yellow]This is a Debug build: run with -c Release for figures worth quoting.[/]");
#endif
        var layout = RepositoryLayout.Find(Directory.GetCurrentDirectory());
        var machine = MachineInfo.Current();
        var figures = claimsOnly ? [.. ClaimsBenchmark.Run(seeds: quick ? 2 : 10)] : new List<BenchFigure>(await LibraryFiguresAsync(quick, console));
        if (quick || claimsOnly)
        {
            console.MarkupLine("[grey]--quick: the course's notebooks are not run.[/]");
        }
        else
        {
            figures.AddRange(await CourseFiguresAsync(layout, console, cancellationToken));
        }

        var report = new BenchReport(DateTimeOffset.UtcNow, quick, machine, figures);
        Show(console, report);
        var (json, markdown) = report.Write(Path.Combine(layout.Root, "artifacts", "bench"));
        console.MarkupLine($"Wrote [blue]{Markup.Escape(json)}[/] and [blue]{Markup.Escape(markdown)}[/].");
        return 0;
    }

    // Every part of the library against its limit: inference against the ceiling, the simulator, the batcher, training, memory, generation.
    private static async Task<IReadOnlyList<BenchFigure>> LibraryFiguresAsync(bool quick, IAnsiConsole console)
    {
        var figures = new List<BenchFigure>();
        await console.Status().StartAsync("inference of the reference MLP per batch size, interleaved with the matrix-product ceiling", async status =>
        {
            figures.AddRange(InferenceBenchmark.ReferenceMlp(quick ? [1, 64, 1024] : [1, 8, 64, 256, 1024, 4096], Repetitions, items: quick ? 4096 : 8192));

            status.Status("latency simulator");
            foreach (var r in SimulatorBenchmark.Run(requests: quick ? 200_000 : 2_000_000, repetitions: Repetitions))
            {
                figures.Add(new BenchFigure("latency simulator", r.Scenario, r.MedianPerSecond, r.MinPerSecond, r.MaxPerSecond, "requests/s", r.Repetitions, ">= 2,000,000", r.MedianPerSecond >= 2_000_000));
            }

            status.Status("dynamic batcher: overhead, saturation, p99 at 80% load");
            figures.AddRange(await BatcherBenchmark.RunAsync(requests: quick ? 20_000 : 100_000, repetitions: Repetitions));

            status.Status("inference server: overhead over the in-process batcher, throughput at saturation, p99 at 80% load");
            figures.AddRange(await ServerBenchmark.RunAsync(requests: quick ? 1_000 : 4_000, repetitions: quick ? 2 : Repetitions));
        });

        console.MarkupLine("training: the library's trainer against a hand-written loop");
        figures.AddRange(console.Progress().AutoClear(true).Start(context =>
            TrainerBenchmark.CompareWithHandWrittenLoop(quick ? [64, 512] : [16, 64, 256, 1024], samples: quick ? 8_192 : 32_768, repetitions: Repetitions, new ConsoleTrainingProgress(context))));

        await console.Status().StartAsync("peak training memory per batch size", _ =>
        {
            figures.AddRange(MemoryFigures(quick));
            return Task.CompletedTask;
        });

        await console.Status().StartAsync("batching text generation: continuous against static at the same p99", status =>
        {
            figures.AddRange(GenerationBench.ContinuousVersusStatic(quick));
            status.Status("the notebooks' taught comparisons under seeds, one core kept busy");
            figures.AddRange(ClaimsBenchmark.Run(seeds: quick ? 2 : 10));
            return Task.CompletedTask;
        });

        return figures;
    }

    private static IReadOnlyList<BenchFigure> MemoryFigures(bool quick)
    {
        var (memory, fit) = TrainerBenchmark.Memory(quick ? [64, 256, 1024] : [64, 256, 512, 1024, 2048, 4096]);
        var figures = memory.Select(m => BenchFigure.Once("memory", $"peak, {Models.Mlp.Wide.Name}, batch {m.BatchSize} (fit: {fit.Predict(m.BatchSize) / 1048576:0.0})", m.PeakMegabytes, "MiB")).ToList();
        figures.Add(BenchFigure.Once("memory", $"fit M(B): fixed part (R² = {fit.RSquared:0.000})", fit.FixedBytes / 1048576, "MiB"));
        figures.Add(BenchFigure.Once("memory", "fit M(B): per sample", fit.BytesPerSample / 1024, "KiB"));
        return figures;
    }

    // The course: every notebook headless, once, against its 90-second budget.
    private static async Task<IReadOnlyList<BenchFigure>> CourseFiguresAsync(RepositoryLayout layout, IAnsiConsole console, CancellationToken cancellationToken)
    {
        console.MarkupLine("course: every notebook headless, once (five runs of the course would not fit the 15-minute budget)");
        var plotly = Path.Combine(AppContext.BaseDirectory, "assets", NotebookHtml.PlotlyFileName);
        var runner = new CourseRunner(new NotebookRunner(layout.Root, null), Path.Combine(layout.Root, "artifacts", "bench", "notebooks"), plotly);
        var results = await runner.RunAsync(CourseRunner.FindNotebooks(layout.Notebooks), new ConsoleProgress(console), cancellationToken);
        return results.Select(result => BenchFigure.Once("course", result.Name, result.Seconds, "s", "<= 90 and no failed cell", result.Succeeded && result.Seconds <= 90)).ToList();
    }

    private static void Show(IAnsiConsole console, BenchReport report)
    {
        var table = new Table().AddColumns("section", "figure", "median", "min", "max", "unit", "runs", "target", "met");
        foreach (var f in report.Figures)
        {
            table.AddRow(Markup.Escape(f.Section), Markup.Escape(f.Name), BenchReport.Number(f.Median), BenchReport.Number(f.Min), BenchReport.Number(f.Max), Markup.Escape(f.Unit),
                f.Repetitions.ToString(CultureInfo.InvariantCulture), Markup.Escape(f.Target ?? ""), f.Met is null ? "" : f.Met.Value ? "[green]yes[/]" : "[red]no[/]");
        }

        console.Write(table);
    }
}
