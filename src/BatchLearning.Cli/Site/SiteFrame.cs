using System.Globalization;
using BatchLearning.Runner;

namespace BatchLearning.Cli.Site;

/// <summary>The parts of every page that do not depend on the page: the course's name, the run that produced the outputs, the Codespace link.</summary>
/// <param name="Course">The course's name, at the top of the sidebar.</param>
/// <param name="Run">Which run produced the outputs, when and on which machine, and that its numbers are that machine's.</param>
/// <param name="CodespaceUrl">Opens the repository in a GitHub Codespace; null when no repository is known.</param>
/// <param name="CodespaceNote">What the page says instead of the link when no repository is known.</param>
/// <param name="Repository">The GitHub repository (OWNER/NAME), or null when none is known.</param>
internal sealed record SiteFrame(string Course, string Run, string? CodespaceUrl, string CodespaceNote, string? Repository)
{
    /// <summary>The frame for a run recorded as <paramref name="record"/> (null: an older run, dated by <paramref name="filesWritten"/>) and a repository.</summary>
    public static SiteFrame Create(CourseRunRecord? record, DateTimeOffset filesWritten, string? repository)
    {
        const string Measured = "Times, speeds and every result that depends on them are measurements of that machine: yours will differ, which is what the course is about.";
        var run = record is null
            ? $"The outputs on this page come from a course run whose executed notebooks were written {Date(filesWritten)}; that run did not record its machine. {Measured}"
            : $"The outputs on this page come from the course run of {Date(record.StartedUtc)} on {record.Machine}. {Measured}";
        return new SiteFrame(
            "BatchLearning: batch processing in AI",
            run,
            repository is null ? null : $"https://codespaces.new/{repository}?quickstart=1",
            "Open in a Codespace: no GitHub repository was known when this site was built (build it with --repository OWNER/NAME, or in GitHub Actions).",
            repository);
    }

    private static string Date(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
