using BatchLearning.Cli;
using BatchLearning.Email;
using BatchLearning.Providers;
using BatchLearning.Tests.Support;
using Spectre.Console;

namespace BatchLearning.Tests.Providers;

/// <summary><c>inbox submit</c> and <c>inbox collect</c>: without --submit (or without a key) they print the estimate and send nothing; usage errors exit 2, failures 1.</summary>
public sealed class ProviderCommandTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = 1000;
        var exitCode = await CommandLine.RunAsync(args, console, CancellationToken.None);
        return (exitCode, writer.ToString());
    }

    private static string Inbox()
    {
        var inbox = Path.Combine(Repository.NewTemporaryFolder(), "inbox.jsonl");
        File.WriteAllText(inbox, string.Concat(EmailGenerator.Day(6, new DateOnly(2026, 3, 2), seed: 1).Select(e => EmailJson.ToLine(e with { Category = null }) + "\n")));
        return inbox;
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini", "Would upload 1 file(s)")]
    [InlineData("anthropic", "claude-haiku-4-5", "Would create 1 Anthropic message batch(es)")]
    public async Task Submit_without_the_flag_prints_the_estimate_and_what_would_be_sent_and_exits_0(string provider, string model, string plan)
    {
        var output = Repository.NewTemporaryFolder();

        var (exitCode, text) = await RunAsync("inbox", "submit", "--provider", provider, "--inbox", Inbox(), "--model", model, "--output", output);

        Assert.True(exitCode == 0, text);
        Assert.Contains("Estimate: 6 request(s)", text);
        Assert.Contains(plan, text);
        Assert.Contains("Not sent: submit is off", text);
        Assert.False(ProviderBatchState.Load(output)!.AnySubmitted);
    }

    [Fact]
    public async Task Submit_with_the_flag_but_no_key_says_so_sends_nothing_and_exits_0()
    {
        if (Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 })
        {
            return; // A real key is set on this machine: this test must never send for real.
        }

        var output = Repository.NewTemporaryFolder();

        var (exitCode, text) = await RunAsync("inbox", "submit", "--provider", "openai", "--inbox", Inbox(), "--model", "gpt-4o-mini", "--output", output, "--submit");

        Assert.True(exitCode == 0, text);
        Assert.Contains("Not sent: --submit was given but OPENAI_API_KEY is not set", text);
        Assert.False(ProviderBatchState.Load(output)!.AnySubmitted);
    }

    [Fact]
    public async Task An_unknown_provider_is_a_usage_error()
    {
        var (exitCode, text) = await RunAsync("inbox", "submit", "--provider", "gemini", "--inbox", Inbox(), "--model", "m", "--output", Repository.NewTemporaryFolder());

        Assert.Equal(2, exitCode);
        Assert.Contains("--provider must be openai or anthropic; got 'gemini'.", text);
    }

    [Fact]
    public async Task Collect_in_a_folder_with_no_batch_fails_in_one_line()
    {
        var (exitCode, text) = await RunAsync("inbox", "collect", "--output", Repository.NewTemporaryFolder());

        Assert.Equal(1, exitCode);
        Assert.Contains("No batch prepared in", text);
        Assert.Single(text.Trim().Split('\n'));
    }

    [Fact]
    public async Task Collect_before_anything_was_submitted_says_so_and_exits_0()
    {
        var output = Repository.NewTemporaryFolder();
        await RunAsync("inbox", "submit", "--provider", "openai", "--inbox", Inbox(), "--model", "gpt-4o-mini", "--output", output);

        var (exitCode, text) = await RunAsync("inbox", "collect", "--output", output);

        Assert.True(exitCode == 0, text);
        Assert.Contains("Nothing submitted yet", text);
    }

    [Fact]
    public async Task A_bad_inbox_line_fails_in_one_line_naming_the_file_and_line()
    {
        var inbox = Inbox();
        File.AppendAllText(inbox, "not json\n");

        var (exitCode, text) = await RunAsync("inbox", "submit", "--provider", "openai", "--inbox", inbox, "--model", "gpt-4o-mini", "--output", Repository.NewTemporaryFolder());

        Assert.Equal(1, exitCode);
        Assert.Contains(inbox + " line 7", text);
    }
}
