using System.Globalization;
using BatchLearning.Email;
using BatchLearning.Jobs;
using BatchLearning.Training;
using Spectre.Console;

namespace BatchLearning.Cli;

/// <summary>
/// The email batch job from the command line: <c>inbox train</c> trains and saves a classifier on generated mail;
/// <c>inbox run</c> classifies an inbox file once, or every N minutes until Ctrl+C.
/// </summary>
internal static class InboxCommand
{
    internal static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is not ("train" or "run"))
        {
            throw new ArgumentException("inbox needs a subcommand: train or run.");
        }

        var options = Options(args[1..]);
        return args[0] == "train" ? Train(options, console) : await RunJobAsync(options, console, cancellationToken);
    }

    private static int Train(Dictionary<string, string?> options, IAnsiConsole console)
    {
        var model = Required(options, "--model");
        var count = options.TryGetValue("--emails", out var text) ? Count(text, "--emails", 10, 10_000_000) : 6000;
        var emails = EmailGenerator.SeveralDays(count, new DateOnly(2026, 1, 5), days: 5, seed: 2026);
        var test = EmailGenerator.Day(1000, new DateOnly(2026, 2, 2), seed: 7);
        var (classifier, run) = console.Progress().AutoClear(true).Start(context =>
            EmailClassifier.Train(emails, new TrainingOptions(64, TrainingBudget.OfEpochs(3), OptimizerSettings.Adam(0.001)), test, progress: new ConsoleTrainingProgress(context)));
        using (classifier)
        {
            classifier.Save(model);
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained on {emails.Count:N0} generated emails; test accuracy {run.Final!.TestAccuracy:P1}. Saved to {Markup.Escape(Path.GetFullPath(model))}."));
        return 0;
    }

    private static async Task<int> RunJobAsync(Dictionary<string, string?> options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var inbox = Required(options, "--inbox");
        var output = options.GetValueOrDefault("--output") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inbox))!, Path.GetFileNameWithoutExtension(inbox) + "-classified");
        var jobOptions = new InboxJobOptions(inbox, output)
        {
            MaxEmailsPerCommit = options.TryGetValue("--max-per-commit", out var max) ? Count(max, "--max-per-commit", 1, 1_000_000) : 10_000,
        };
        using var classifier = EmailClassifier.Load(Required(options, "--model"));
        using var job = InboxBatchJob.Open(jobOptions, classifier);
        if (options.ContainsKey("--once"))
        {
            var result = job.RunOnce(cancellationToken);
            console.MarkupLine($"{Markup.Escape(inbox)}: {Markup.Escape(result.ToString())}; results in {Markup.Escape(output)}");
            return 0;
        }

        var minutes = options.TryGetValue("--every", out var every) ? Count(every, "--every", 1, 24 * 60) : 5;
        console.MarkupLine($"Classifying {Markup.Escape(inbox)} every {minutes} minute(s) into {Markup.Escape(output)}; Ctrl+C stops between commits.");
        await console.Status().StartAsync("waiting for mail", async status =>
            await job.RunEveryAsync(TimeSpan.FromMinutes(minutes), new Progress<JobRunResult>(result =>
            {
                var line = $"{DateTime.Now:HH:mm:ss} {result}";
                console.WriteLine(line);
                status.Status($"last run {DateTime.Now:HH:mm:ss}: {Markup.Escape(result.ToString())}; next in {minutes} min");
            }), cancellationToken));
        return 0;
    }

    private static Dictionary<string, string?> Options(string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        string[] valued = ["--model", "--emails", "--inbox", "--output", "--every", "--max-per-commit"];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--once")
            {
                options["--once"] = null;
            }
            else if (valued.Contains(args[i]))
            {
                options[args[i]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            }
            else
            {
                throw new ArgumentException($"Unknown option '{args[i]}'. Valid options: {string.Join(", ", valued)}, --once.");
            }
        }

        return options;
    }

    private static string Required(Dictionary<string, string?> options, string name) =>
        options.GetValueOrDefault(name) ?? throw new ArgumentException($"{name} is required.");

    private static int Count(string? text, string name, int minimum, int maximum) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {minimum:N0} to {maximum:N0}; got '{text}'."));
}
