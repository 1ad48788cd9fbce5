using BatchLearning.Cli;
using BatchLearning.Tests.Support;
using Spectre.Console;

namespace BatchLearning.Tests.Lessons;

/// <summary>The <c>export lessons</c> command: usage errors exit 2, <c>--check</c> says whether lessons/ is current.</summary>
public sealed class ExportCommandTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = 1000;
        var exitCode = await CommandLine.RunAsync(args, console, CancellationToken.None);
        return (exitCode, writer.ToString());
    }

    [Fact]
    public async Task Check_finds_every_lesson_current_and_writes_nothing()
    {
        var before = Directory.GetFiles(Path.Combine(Repository.Layout.Root, "lessons"), "*.cs", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var (exitCode, output) = await RunAsync("export", "lessons", "--check");

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"All \d+ lesson\(s\) are current\.", output);
        Assert.All(before, file => Assert.Equal(file.Value, File.GetLastWriteTimeUtc(file.Key)));
    }

    [Fact]
    public async Task Exporting_one_current_notebook_leaves_its_lesson_as_it_is()
    {
        var notebook = Path.Combine(Repository.Layout.Notebooks, "00-setup.ipynb");

        var (exitCode, output) = await RunAsync("export", "lessons", notebook);

        Assert.True(exitCode == 0, output);
        Assert.Contains("1 lesson(s): 0 written, 1 already current.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_notebook_is_a_usage_error_with_exit_code_2()
    {
        var (exitCode, output) = await RunAsync("export", "lessons", "notebooks/no-such.ipynb");

        Assert.Equal(2, exitCode);
        Assert.Contains("'notebooks/no-such.ipynb' is not an existing .ipynb file.", output, StringComparison.Ordinal);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notebook_outside_the_course_folders_is_refused_with_exit_code_2()
    {
        var notebook = Path.Combine(Repository.NewTemporaryFolder(), "elsewhere.ipynb");
        File.WriteAllText(notebook, "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": []}");

        var (exitCode, output) = await RunAsync("export", "lessons", notebook);

        Assert.Equal(2, exitCode);
        Assert.Contains("is not a course notebook: lessons are made from notebooks/*.ipynb and notebooks/solutions/*.ipynb.", output, StringComparison.Ordinal);
    }
}
