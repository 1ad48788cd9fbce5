using System.CommandLine;
using System.Globalization;
using BatchLearning.Email;
using BatchLearning.Providers;
using Spectre.Console;

namespace BatchLearning.Cli;

/// <summary>
/// <c>inbox submit</c> and <c>inbox collect</c>: the day's mail through a provider's batch service (<see cref="ProviderBatchClient"/>).
/// Nothing is sent without <c>--submit</c> and the API key in the environment: otherwise the estimate and what would be sent are printed and the exit code is 0.
/// </summary>
internal static class ProviderCommands
{
    /// <summary>The <c>inbox submit</c> command.</summary>
    internal static Command Submit(IAnsiConsole console)
    {
        var provider = new Option<BatchProvider>("--provider")
        {
            Description = "The batch service: openai (OPENAI_API_KEY) or anthropic (ANTHROPIC_API_KEY).",
            HelpName = "openai|anthropic",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                switch (text.ToLowerInvariant())
                {
                    case "openai":
                        return BatchProvider.OpenAi;
                    case "anthropic":
                        return BatchProvider.Anthropic;
                    default:
                        result.AddError($"--provider must be openai or anthropic; got '{text}'.");
                        return default;
                }
            },
        };
        var inbox = new Option<string>("--inbox") { Description = "The JSON Lines inbox (one email per line) to classify.", HelpName = "FILE", Required = true };
        var model = new Option<string>("--model") { Description = "The provider's model, for example gpt-4o-mini or claude-haiku-4-5.", HelpName = "NAME", Required = true };
        var output = new Option<string>("--output") { Description = "Where the batch files, the saved batch ids and later the results go; one batch per folder.", HelpName = "DIR", Required = true };
        var submit = new Option<bool>("--submit") { Description = "Really send (and pay): without it, only the estimate and what would be sent are printed. Needs the API key in the environment." };
        var command = new Command("submit", "Writes the provider's batch files for an inbox, prints the cost estimate and, with --submit and the API key set, creates the batch. Run again safely: a batch already created is never created twice.")
        {
            provider, inbox, model, output, submit,
        };
        command.SetAction((parsed, cancellationToken) =>
            SubmitAsync(new SubmitRequest(parsed.GetValue(provider), parsed.GetValue(inbox)!, parsed.GetValue(model)!, parsed.GetValue(output)!, parsed.GetValue(submit)), console, cancellationToken));
        return command;
    }

    /// <summary>The <c>inbox collect</c> command.</summary>
    internal static Command Collect(IAnsiConsole console)
    {
        var output = new Option<string>("--output") { Description = "The folder given to `inbox submit`.", HelpName = "DIR", Required = true };
        var command = new Command("collect", "Waits for the batch created by `inbox submit` (polling with backoff), downloads its results and errors and matches them to the emails.") { output };
        command.SetAction((parsed, cancellationToken) => CollectAsync(parsed.GetValue(output)!, console, cancellationToken));
        return command;
    }

    // What `inbox submit` was asked: which provider, which inbox and model, where its files go, and whether to really send.
    private sealed record SubmitRequest(BatchProvider Provider, string Inbox, string Model, string Output, bool Submit);

    private static async Task<int> SubmitAsync(SubmitRequest request, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var (provider, inbox, model, output, submit) = request;
        var emails = ReadInbox(inbox);
        var client = new ProviderBatchClient(provider, output);
        var estimate = client.Prepare(emails, model);
        console.WriteLine($"Estimate: {estimate}");
        if (submit && !client.HasApiKey)
        {
            console.MarkupLine($"[yellow]Not sent: --submit was given but {client.ApiKeyVariable} is not set in the environment.[/] Set it and run the same command again.");
            return 0;
        }

        var outcome = await client.SubmitAsync(submit, cancellationToken);
        console.WriteLine(outcome.Message);
        if (outcome.State.AnySubmitted)
        {
            console.WriteLine($"Collect the results with: batchlearning inbox collect --output {output}");
        }

        return 0;
    }

    private static async Task<int> CollectAsync(string output, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var state = ProviderBatchState.Load(output)
                    ?? throw new InvalidOperationException($"No batch prepared in {Path.GetFullPath(output)} (no {ProviderBatchState.FileName}): run `inbox submit --output {output}` first.");
        var client = new ProviderBatchClient(state.Provider, output);
        var waited = await client.WaitAsync(new LineProgress(console), cancellationToken);
        if (!waited.CalledProvider)
        {
            console.WriteLine(waited.Message);
            if (!waited.State.AnySubmitted)
            {
                return 0;
            }
        }

        var collected = await client.CollectAsync(cancellationToken);
        console.WriteLine(collected.Message);
        return 0;
    }

    // Emails from a JSON Lines inbox; a line that is not an email stops with the file and line named.
    private static List<EmailMessage> ReadInbox(string inbox)
    {
        if (!File.Exists(inbox))
        {
            throw new FileNotFoundException($"The inbox {inbox} does not exist.", inbox);
        }

        var emails = new List<EmailMessage>();
        var number = 0;
        foreach (var line in File.ReadLines(inbox))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!EmailJson.TryParse(line, out var email, out var problem))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{inbox} line {number}: {problem}."));
            }

            emails.Add(email!);
        }

        return emails.Count > 0 ? emails : throw new InvalidDataException($"{inbox} holds no emails: nothing to send.");
    }

    // Each status check as one line (the console has no live region here: the wait can last hours).
    private sealed class LineProgress(IAnsiConsole console) : IProgress<ProviderBatchProgress>
    {
        public void Report(ProviderBatchProgress value) => console.WriteLine($"{DateTime.Now:HH:mm:ss} {value}");
    }
}
