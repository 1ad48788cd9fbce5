using BatchLearning.Cli;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Tests.Support;
using Spectre.Console;

namespace BatchLearning.Tests.Cli;

/// <summary>The command line: documented values work, usage errors exit 2 with the usage line, failures while running exit 1 with one line.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class CliBadInputTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = 1000;
        var exitCode = await CommandLine.RunAsync(args, console, CancellationToken.None);
        return (exitCode, writer.ToString());
    }

    private static readonly Lazy<string> Model = new(() =>
    {
        var model = Path.Combine(Repository.NewTemporaryFolder(), "model");
        var (exitCode, output) = RunAsync("inbox", "train", "--model", model, "--emails", "10").GetAwaiter().GetResult();
        Assert.True(exitCode == 0, output);
        return model;
    });

    private static string Inbox()
    {
        var inbox = Path.Combine(Repository.NewTemporaryFolder(), "inbox.jsonl");
        File.WriteAllText(inbox, string.Concat(EmailGenerator.Day(5, new DateOnly(2026, 3, 2), seed: 1).Select(e => EmailJson.ToLine(e with { Category = null }) + "\n")));
        return inbox;
    }

    [Theory]
    [InlineData("10")]
    [InlineData("63")]
    public async Task Training_on_the_documented_minimum_and_other_small_counts_works(string emails)
    {
        var model = Path.Combine(Repository.NewTemporaryFolder(), "model");

        var (exitCode, output) = await RunAsync("inbox", "train", "--model", model, "--emails", emails);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"Trained on {emails} generated emails", output);
        using var classifier = EmailClassifier.Load(model);
    }

    [Fact]
    public async Task A_missing_model_ends_with_exit_code_1_and_one_line_without_a_stack_trace()
    {
        var (exitCode, output) = await RunAsync("inbox", "run", "--inbox", Inbox(), "--model", "/no/such/model", "--once");

        Assert.Equal(1, exitCode);
        Assert.Equal("No saved email classifier in '/no/such/model' (expected classifier.json and model.bin); train one and call Save first.", output.Trim());
    }

    [Fact]
    public async Task With_verbose_a_failure_also_shows_its_stack_trace()
    {
        var (exitCode, output) = await RunAsync("inbox", "run", "--inbox", Inbox(), "--model", "/no/such/model", "--once", "--verbose");

        Assert.Equal(1, exitCode);
        Assert.Contains("System.IO.FileNotFoundException", output);
        Assert.Contains(" at ", output);
    }

    [Fact]
    public async Task A_missing_inbox_a_locked_inbox_and_an_unwritable_output_each_end_with_exit_code_1_and_what_is_wrong()
    {
        var missing = await RunAsync("inbox", "run", "--inbox", "/no/such/inbox.jsonl", "--model", Model.Value, "--once");
        var inbox = Inbox();
        var blocker = Path.Combine(Path.GetDirectoryName(inbox)!, "a-file");
        File.WriteAllText(blocker, "");
        var unwritable = await RunAsync("inbox", "run", "--inbox", inbox, "--model", Model.Value, "--output", Path.Combine(blocker, "out"), "--once");
        (int, string) locked;
        using (InboxBatchJob.Open(new InboxJobOptions(inbox, inbox + "-other"), emails => emails.Select(_ => EmailCategory.Work).ToList()))
        {
            locked = await RunAsync("inbox", "run", "--inbox", inbox, "--model", Model.Value, "--once");
        }

        Assert.Equal((1, "No inbox at '/no/such/inbox.jsonl'. Create the file (it may be empty) or check the path."), (missing.ExitCode, missing.Output.Trim()));
        Assert.Equal(1, unwritable.ExitCode);
        Assert.StartsWith($"Cannot create the output folder '{Path.Combine(blocker, "out")}'", unwritable.Output, StringComparison.Ordinal);
        Assert.Equal(1, locked.Item1);
        Assert.StartsWith("Another batch job is already processing the inbox", locked.Item2, StringComparison.Ordinal);
        Assert.All([missing.Output, unwritable.Output, locked.Item2], output => Assert.DoesNotContain(" at BatchLearning", output));
    }

    [Fact]
    public async Task The_job_runs_once_from_the_command_line()
    {
        var inbox = Inbox();

        var (exitCode, output) = await RunAsync("inbox", "run", "--inbox", inbox, "--model", Model.Value, "--once", "--max-per-commit", "2");

        Assert.True(exitCode == 0, output);
        Assert.Contains("5 emails classified, 0 dead letters, 3 commit(s)", output);
        Assert.Equal(5, InboxBatchJob.ReadResults(Path.Combine(Path.GetDirectoryName(inbox)!, "inbox-classified")).Count);
    }

    [Theory]
    [InlineData("inbox")]
    [InlineData("inbox", "run", "--model", "m", "--once")]
    [InlineData("inbox", "run", "--inbox", "i", "--model", "m", "--once", "--every", "5")]
    [InlineData("inbox", "run", "--inbox", "i", "--model", "m", "--max-per-commit", "0")]
    [InlineData("inbox", "run", "--inbox", "i", "--model", "m", "--max-per-commit", "1000001")]
    [InlineData("inbox", "train", "--model", "m", "--emails", "9")]
    [InlineData("inbox", "train", "--model", "m", "--emails", "ten")]
    [InlineData("inbox", "train", "--model", "m", "--colour")]
    [InlineData("run", "--cell-timeout", "90000")]
    public async Task Bad_usage_exits_with_2_with_the_message_and_the_usage_line(params string[] args)
    {
        var (exitCode, output) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", output);
        Assert.Contains("batchlearning " + args[0], output);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_each_commands_options()
    {
        var root = await RunAsync("--help");
        var inboxRun = await RunAsync("inbox", "run", "--help");

        Assert.Equal(0, root.ExitCode);
        Assert.All(["run", "bench", "inbox", "--verbose"], name => Assert.Contains(name, root.Output));
        Assert.Equal(0, inboxRun.ExitCode);
        Assert.All(["--inbox", "--model", "--output", "--every", "--once", "--max-per-commit"], name => Assert.Contains(name, inboxRun.Output));
    }
}
