using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Training;
using Spectre.Console;

namespace BatchLearning.Cli;

/// <summary>
/// The email batch job from the command line: <c>inbox train</c> trains and saves a classifier on generated mail;
/// <c>inbox run</c> classifies an inbox file once, or every N minutes until Ctrl+C; <c>inbox submit</c> sends an inbox to an LLM provider's batch service
/// (only with <c>--submit</c> and the API key in the environment) and <c>inbox collect</c> waits for that batch and matches its results to the emails.
/// </summary>
internal static class InboxCommand
{
    private const int TrainingBatchSize = 64;

    /// <summary>The <c>inbox</c> command and its subcommands.</summary>
    internal static Command Create(IAnsiConsole console) =>
        new("inbox", "The email batch job: train a classifier on generated mail, then classify a JSON Lines inbox with it.")
        {
            TrainCommand(console),
            RunCommand(console),
            ProviderCommands.Submit(console),
            ProviderCommands.Collect(console),
        };

    private static Command TrainCommand(IAnsiConsole console)
    {
        var model = new Option<string>("--model") { Description = "The folder to save the classifier to.", HelpName = "DIR", Required = true };
        var emails = Count("--emails", "Generated emails to train on, from 10 to 10,000,000; defaults to 6,000.", 10, 10_000_000, 6000);
        var command = new Command("train", "Trains the email classifier on N generated emails and saves it to DIR.") { model, emails };
        command.SetAction(parsed => Train(parsed.GetValue(model)!, parsed.GetValue(emails), console));
        return command;
    }

    private static Command RunCommand(IAnsiConsole console)
    {
        var inbox = new Option<string>("--inbox") { Description = "The JSON Lines inbox (one email per line) that other programs append to.", HelpName = "FILE", Required = true };
        var model = new Option<string>("--model") { Description = "A classifier saved by `inbox train`.", HelpName = "DIR", Required = true };
        var output = new Option<string>("--output") { Description = "Where results, dead letters and the checkpoint go; defaults to FILE-classified/ beside the inbox. One inbox per folder.", HelpName = "DIR" };
        var every = Count("--every", "Minutes between runs, from 1 to 1,440; defaults to 5.", 1, 24 * 60, 5);
        var once = new Option<bool>("--once") { Description = "Run once and exit, instead of every MINUTES until Ctrl+C." };
        var maxPerCommit = Count("--max-per-commit", "Most emails per commit, from 1 to 1,000,000; defaults to 10,000.", 1, 1_000_000, 10_000);
        var command = new Command("run", "The batch job: classifies what arrived in the inbox since the last run, every MINUTES until Ctrl+C, or once. Restartable: a crash loses and repeats nothing.")
        {
            inbox, model, output, every, once, maxPerCommit,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(every) is { Implicit: false } && result.GetValue(once))
            {
                result.AddError("Give --every or --once, not both.");
            }
        });
        command.SetAction((parsed, cancellationToken) =>
        {
            var file = parsed.GetValue(inbox)!;
            var folder = parsed.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileNameWithoutExtension(file) + "-classified");
            var options = new InboxJobOptions(file, folder) { MaxEmailsPerCommit = parsed.GetValue(maxPerCommit) };
            return RunJobAsync(options, parsed.GetValue(model)!, parsed.GetValue(once) ? null : parsed.GetValue(every), console, cancellationToken);
        });
        return command;
    }

    private static int Train(string model, int count, IAnsiConsole console)
    {
        var emails = EmailGenerator.SeveralDays(count, new DateOnly(2026, 1, 5), days: 5, seed: 2026);
        var test = EmailGenerator.Day(1000, new DateOnly(2026, 2, 2), seed: 7);
        // Batches of 64, or the whole set when it is smaller (the documented minimum of 10 emails is one batch).
        var options = new TrainingOptions(Math.Min(TrainingBatchSize, emails.Count), TrainingBudget.OfEpochs(3), OptimizerSettings.Adam(0.001));
        var (classifier, run) = console.Progress().AutoClear(true).Start(context =>
            EmailClassifier.Train(emails, options, test, progress: new ConsoleTrainingProgress(context)));
        using (classifier)
        {
            classifier.Save(model);
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained on {emails.Count:N0} generated emails; test accuracy {run.Final!.TestAccuracy:P1}. Saved to {Markup.Escape(Path.GetFullPath(model))}."));
        return 0;
    }

    private static async Task<int> RunJobAsync(InboxJobOptions options, string model, int? minutes, IAnsiConsole console, CancellationToken cancellationToken)
    {
        using var classifier = EmailClassifier.Load(model);
        using var job = InboxBatchJob.Open(options, classifier);
        if (minutes is null)
        {
            var result = job.RunOnce(cancellationToken);
            console.MarkupLine($"{Markup.Escape(options.InboxPath)}: {Markup.Escape(result.ToString())}; results in {Markup.Escape(options.OutputDirectory)}");
            return 0;
        }

        console.MarkupLine($"Classifying {Markup.Escape(options.InboxPath)} every {minutes} minute(s) into {Markup.Escape(options.OutputDirectory)}; Ctrl+C stops between commits.");
        await console.Status().StartAsync("waiting for mail", async status =>
            await job.RunEveryAsync(TimeSpan.FromMinutes(minutes.Value), new Progress<JobRunResult>(result =>
            {
                console.WriteLine($"{DateTime.Now:HH:mm:ss} {result}");
                status.Status($"last run {DateTime.Now:HH:mm:ss}: {Markup.Escape(result.ToString())}; next in {minutes} min");
            }), cancellationToken));
        return 0;
    }

    private static Option<int> Count(string name, string description, int minimum, int maximum, int defaultValue)
    {
        return new Option<int>(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
                if (text is null)
                {
                    return defaultValue;
                }

                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
                {
                    result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {minimum:N0} to {maximum:N0}; got '{text}'."));
                }

                return value;
            },
        };
    }
}
