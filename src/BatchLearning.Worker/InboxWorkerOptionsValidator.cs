using System.Globalization;
using Microsoft.Extensions.Options;

namespace BatchLearning.Worker;

/// <summary>
/// Checks <see cref="InboxWorkerOptions"/> at start-up, every setting at once, so one start tells everything that is wrong: each failure names the setting,
/// the value given and what is valid. The output folder is created when missing and written to once (a probe file, removed at once) to prove it is writable.
/// </summary>
public sealed class InboxWorkerOptionsValidator : IValidateOptions<InboxWorkerOptions>
{
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(49);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, InboxWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        AddFileFailures(options, failures);
        AddRangeFailures(options, failures);
        if (!string.IsNullOrWhiteSpace(options.Inbox) && WritableProblem(options.OutputFolder) is { } problem)
        {
            failures.Add(problem);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The inbox file and the saved model must exist.
    private static void AddFileFailures(InboxWorkerOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Inbox))
        {
            failures.Add("Inbox is not set: give the inbox file with --Inbox FILE (or BATCHLEARNING_Inbox, or \"Inbox\" in appsettings.json).");
        }
        else if (!File.Exists(options.Inbox))
        {
            failures.Add($"Inbox '{Path.GetFullPath(options.Inbox)}' does not exist: create the file (it may be empty) or check the path.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add("Model is not set: give a classifier folder with --Model DIR; train one with: dotnet run --project src/BatchLearning.Cli -- inbox train --model DIR");
        }
        else if (!File.Exists(Path.Combine(options.Model, "classifier.json")) || !File.Exists(Path.Combine(options.Model, "model.bin")))
        {
            failures.Add($"Model '{Path.GetFullPath(options.Model)}' holds no saved classifier (expected classifier.json and model.bin); train one with: dotnet run --project src/BatchLearning.Cli -- inbox train --model DIR");
        }
    }

    // The period, sizes, port and parent process id must be in their ranges.
    private static void AddRangeFailures(InboxWorkerOptions options, List<string> failures)
    {
        if (options.Period <= TimeSpan.Zero || options.Period > LongestPeriod)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Period must be above 0 and at most 49 days (the timer's limit), written like 00:05:00; got {options.Period}."));
        }

        if (options.MaxEmailsPerCommit is < 1 or > 1_000_000)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"MaxEmailsPerCommit must be from 1 to 1,000,000; got {options.MaxEmailsPerCommit}."));
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"BatchSize must be from 1 to 100,000; got {options.BatchSize}."));
        }

        if (options.MetricsPort is < 0 or > 65_535)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"MetricsPort must be from 1 to 65,535, or 0 for no metrics endpoint; got {options.MetricsPort}."));
        }

        if (options.ParentProcessId < 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"ParentProcessId must be a process id, or 0 for none; got {options.ParentProcessId}."));
        }
    }

    private static string? WritableProblem(string folder)
    {
        var full = Path.GetFullPath(folder);
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $"Output '{full}' is not writable ({error.Message}): give a folder the worker may write to with --Output DIR.";
        }
    }
}
