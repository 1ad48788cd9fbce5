using System.Text.RegularExpressions;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Providers;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Jobs;

/// <summary>The course's command line as a child process (what notebook 06 uses to reach a provider): its output lines and exit code come back; nothing is sent without --submit.</summary>
[Trait(Tier.Name, Tier.Full)]
public sealed class CommandLineProcessTests
{
    [Fact]
    public async Task Inbox_submit_without_the_flag_runs_as_a_child_process_prints_the_estimate_and_sends_nothing()
    {
        var folder = Repository.NewTemporaryFolder();
        var inbox = Path.Combine(folder, "inbox.jsonl");
        File.WriteAllLines(inbox, EmailGenerator.Day(5, new DateOnly(2026, 3, 2), seed: 1).Select(e => EmailJson.ToLine(e with { Category = null })));
        var lines = new List<string>();

        var run = await CommandLineProcess.RunAsync(
            ["inbox", "submit", "--provider", "openai", "--inbox", inbox, "--model", "gpt-4o-mini", "--output", Path.Combine(folder, "batch")],
            new SynchronousProgress(lines.Add)).WaitAsync(TimeSpan.FromMinutes(2));

        var text = Regex.Replace(string.Join(' ', run.Output), @"\s+", " "); // the command's console wraps at 80 columns when read by a program
        Assert.True(run.ExitCode == 0, text);
        Assert.StartsWith("Estimate: 5 request(s) to gpt-4o-mini", text, StringComparison.Ordinal);
        Assert.Contains("input tokens (o200k_base)", text, StringComparison.Ordinal);
        Assert.Contains("Not sent: submit is off", text, StringComparison.Ordinal);
        Assert.Equal(run.Output, lines);
        Assert.False(ProviderBatchState.Load(Path.Combine(folder, "batch"))!.AnySubmitted);
    }

    [Fact]
    public async Task Bad_usage_comes_back_as_exit_code_2_with_the_message()
    {
        var run = await CommandLineProcess.RunAsync(["inbox", "submit", "--provider", "gemini"]).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--provider must be openai or anthropic", Regex.Replace(string.Join(' ', run.Output), @"\s+", " "), StringComparison.Ordinal);
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
