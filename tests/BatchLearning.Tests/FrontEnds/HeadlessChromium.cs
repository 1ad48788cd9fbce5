using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchLearning.Tests.Support;
using Xunit.Abstractions;

namespace BatchLearning.Tests.FrontEnds;

/// <summary>
/// Opens a page in headless Chromium (the Debian package "chromium") and reads back the report that the page's check scripts
/// (fixtures/record-console.js first in head, fixtures/check-charts.js last in body) wrote into the DOM.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    public static string Fixtures => Path.Combine(Repository.TestsFolder, "FrontEnds", "fixtures");

    /// <summary>The chromium executable (CHROMIUM, else chromium or chromium-browser on PATH), or null.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>
    /// Why a check that needs chromium is skipped: chromium is absent and CI is unset. Null when it can run, and under CI (CI=true),
    /// where a missing chromium must fail the check instead (.ci/frontends.sh installs it).
    /// </summary>
    public static string? SkipReason =>
        Executable is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? "chromium is not installed (apt-get install -y chromium, or set CHROMIUM to its path); this front-end check did not run."
            : null;

    /// <summary>The chromium executable; fails the test (under CI, where the attributes do not skip) when there is none.</summary>
    public static string RequireExecutable() =>
        Executable ?? throw new Xunit.Sdk.XunitException("chromium is not installed (apt-get install -y chromium); under CI the front-end checks must run.");

    /// <summary>The page's head and body wrapped with the two check scripts (as inline scripts), ready to write to a file.</summary>
    public static string Page(string head, string body) =>
        $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><script>{File.ReadAllText(Path.Combine(Fixtures, "record-console.js"))}</script>\n{head}\n</head><body>\n{body}\n" +
        $"<script>{File.ReadAllText(Path.Combine(Fixtures, "check-charts.js"))}</script>\n</body></html>";

    /// <summary>Adds the check scripts to a complete page (for example nbconvert's export or the runner's page).</summary>
    public static string WithChecks(string page)
    {
        var record = $"<script>{File.ReadAllText(Path.Combine(Fixtures, "record-console.js"))}</script>";
        var check = $"<script>{File.ReadAllText(Path.Combine(Fixtures, "check-charts.js"))}</script>";
        var head = page.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        var end = page.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        Assert.True(head >= 0 && end > head, "the page needs <head> and </body>");
        return page[..(head + 6)] + record + page[(head + 6)..end] + check + page[end..];
    }

    /// <summary>Loads <paramref name="pageFile"/> and returns the chart report and the console errors the page recorded.</summary>
    public static Task<PageReport> OpenAsync(string pageFile, ITestOutputHelper output) => OpenAsync(new Uri(pageFile), output);

    /// <summary>Loads <paramref name="page"/> (a file or an http address) and returns the chart report and the console errors the page recorded.</summary>
    public static async Task<PageReport> OpenAsync(Uri page, ITestOutputHelper output)
    {
        var (dom, stderr, exitCode) = await DumpDomAsync(page);
        var report = Attribute(dom, "data-chart-report");
        var errors = Attribute(dom, "data-console-errors");
        if (report is null)
        {
            output.WriteLine(stderr.Length > 4000 ? stderr[^4000..] : stderr);
        }

        Assert.True(report is not null, $"the page {page} wrote no chart report (check-charts.js did not finish); chromium exit code {exitCode}.");
        var parsed = JsonNode.Parse(report!)!;
        return new PageReport(
            parsed["charts"]!.AsArray().Select(c => new ChartReport(
                (string)c!["id"]!, (bool)c["drawn"]!, (int)c["tracesDrawn"]!, (int)c["tracesInFigure"]!, (string)c["note"]!)).ToList(),
            (int)parsed["plotlyScripts"]!,
            (bool)parsed["pageWiderThanWindow"]!,
            (bool)parsed["requireJs"]!,
            JsonNode.Parse(errors ?? "[]")!.AsArray().Select(e => (string)e!).ToList(),
            dom);
    }

    /// <summary>Loads <paramref name="page"/> and returns the DOM after its scripts ran (chromium --dump-dom), chromium's stderr and exit code.</summary>
    public static async Task<(string Dom, string Stderr, int ExitCode)> DumpDomAsync(Uri page)
    {
        var profile = Repository.NewTemporaryFolder();
        var start = new ProcessStartInfo(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--allow-file-access-from-files",
                     $"--user-data-dir={profile}", "--window-size=1200,2000", "--virtual-time-budget=30000", "--dump-dom",
                     page.AbsoluteUri,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish with {page} in {HangGuard.TotalMinutes} minutes.");
        }

        return (await stdout, await stderr, process.ExitCode);
    }

    /// <summary>The value of the attribute <paramref name="name"/> (the first in the DOM), decoded; null when absent.</summary>
    public static string? Attribute(string dom, string name)
    {
        var match = Regex.Match(dom, $"{name}=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(folder => new[] { Path.Combine(folder, "chromium"), Path.Combine(folder, "chromium-browser") })
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>What check-charts.js found on a page.</summary>
internal sealed record PageReport(IReadOnlyList<ChartReport> Charts, int PlotlyScripts, bool PageWiderThanWindow, bool RequireJs, IReadOnlyList<string> ConsoleErrors, string Dom);

/// <summary>One chart box: drawn (plotly's SVG present) with its traces, or the note shown instead.</summary>
internal sealed record ChartReport(string Id, bool Drawn, int TracesDrawn, int TracesInFigure, string Note);
