using BatchLearning.Cli.Site;
using BatchLearning.Runner;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Site;

/// <summary>The website build's parts on fixed inputs, and its messages for bad input: no nbconvert, Chromium or kernel needed.</summary>
public sealed class SiteBuildTests
{
    [Fact]
    public void The_course_map_is_read_from_the_readme_in_its_order()
    {
        var map = CourseMap.Read(Path.Combine(Repository.Layout.Root, "README.md"));

        Assert.Equal("00-first-workflow", map.Notebooks[0]);
        Assert.Equal("00-setup", map.Notebooks[1]);
        Assert.Equal(9, map.Notebooks.Count);
        Assert.StartsWith(CourseMap.Heading, map.Section);
        Assert.StartsWith("# BatchLearning", map.Introduction);
    }

    [Fact]
    public void A_readme_without_the_course_map_is_refused_naming_the_section()
    {
        var error = Assert.Throws<SiteBuildException>(() => CourseMap.Parse("# Title\n\n## Other\n", "README.md"));
        Assert.Contains("## The course map", error.Message);
    }

    [Fact]
    public void The_glossary_gives_every_entry_an_anchor_and_its_bold_phrases_as_terms()
    {
        var glossary = Glossary.Parse("# Glossary\n\n- **MLP (multilayer perceptron)**: layers.\n- **Latency**: a wait. **p50, p95, p99**: quantiles.\n", "GLOSSARY.md");

        Assert.Contains("<span id=\"term-mlp\"></span>**MLP", glossary.Markdown);
        Assert.Equal(["MLP", "Latency", "p50", "p95", "p99"], glossary.Terms.Select(t => t.Phrase));
        Assert.Equal("term-latency", glossary.Terms.Single(t => t.Phrase == "p99").Anchor);
    }

    [Fact]
    public void Only_the_first_use_of_a_term_on_a_page_is_linked_and_never_in_code_links_or_headings()
    {
        var linker = new GlossaryLinker([new GlossaryTerm("epoch", "term-epoch"), new GlossaryTerm("batch size", "term-mini-batch")], "glossary.html");

        var first = linker.Link("# Epochs\nAn `epoch` in code, [an epoch](x.html), then epochs and the Batch Size.\n```\nepoch\n```");
        var second = linker.Link("Another epoch.");

        Assert.Equal("# Epochs\nAn `epoch` in code, [an epoch](x.html), then [epochs](glossary.html#term-epoch) and the [Batch Size](glossary.html#term-mini-batch).\n```\nepoch\n```", first);
        Assert.Equal("Another epoch.", second);
    }

    [Fact]
    public void Course_links_become_pages_and_other_files_point_at_the_repository_or_stay_text()
    {
        var pages = new HashSet<string> { "00-setup", "00-setup-solutions" };
        var linked = new CourseLinks(pages, "https://github.com/octo-org/BatchLearning");
        var unlinked = new CourseLinks(pages, null);
        const string Markdown = "[setup](../00-setup.ipynb), [glossary](../GLOSSARY.md#epoch), [data](../../data/README.md), [web](https://example.com), [here](#top)";

        Assert.Equal("[setup](00-setup.html), [glossary](glossary.html#epoch), [data](https://github.com/octo-org/BatchLearning/blob/HEAD/data/README.md), [web](https://example.com), [here](#top)",
            linked.Rewrite(Markdown, "notebooks/solutions"));
        Assert.Contains("data (`data/README.md` in the repository)", unlinked.Rewrite(Markdown, "notebooks/solutions"));
    }

    [Fact]
    public void Absolute_paths_of_this_machine_are_shortened_and_long_decimals_rounded()
    {
        var scrubber = new PathScrubber(["/work/course"]);

        Assert.Equal("Loading ~/.nuget/x.dll and data/digits.csv, ~/y", scrubber.Scrub("Loading /root/.nuget/x.dll and /work/course/data/digits.csv, /home/anna/y"));
        Assert.Equal("SpeedUp = 39.68, ratio 0.1291, tiny 0.0258, big 194.6, whole 1234567, kept 2.4E-07 and 3.5",
            ShownNumbers.RoundIn("SpeedUp = 39.67841305832631, ratio 0.1290794921875, tiny 0.02579609375, big 194.63331336784805, whole 1234567.12345678, kept 2.4E-07 and 3.5"));
    }

    [Fact]
    public void The_repository_comes_from_a_github_remote_and_a_bad_option_is_refused()
    {
        Assert.Equal("octo-org/BatchLearning", GitHubRepository.FromRemote("git@github.com:octo-org/BatchLearning.git"));
        Assert.Equal("octo-org/BatchLearning", GitHubRepository.FromRemote("https://github.com/octo-org/BatchLearning\n"));
        Assert.Null(GitHubRepository.FromRemote("https://gitlab.com/octo-org/BatchLearning.git"));
        Assert.Contains("OWNER/NAME", Assert.Throws<SiteBuildException>(() => GitHubRepository.Resolve("not a repository", Repository.Layout.Root)).Message);
    }

    [Fact]
    public void Every_page_says_when_and_on_which_machine_its_outputs_were_measured_or_that_no_repository_is_known()
    {
        var frame = SiteFrame.Create(new CourseRunRecord(new DateTimeOffset(2026, 12, 7, 4, 28, 0, TimeSpan.Zero), "AMD EPYC, 2 logical cores, Debian"), DateTimeOffset.UnixEpoch, null);

        Assert.Contains("course run of 2026-12-07 04:28 UTC on AMD EPYC, 2 logical cores, Debian", frame.Run);
        Assert.Contains("measurements of that machine", frame.Run);
        Assert.Null(frame.CodespaceUrl);
        Assert.Contains("no GitHub repository was known", frame.CodespaceNote);
    }

    [Fact]
    public async Task A_missing_folder_of_executed_notebooks_says_to_run_the_course_first()
    {
        var error = await Assert.ThrowsAsync<SiteBuildException>(() => Build(Path.Combine(Repository.NewTemporaryFolder(), "none")));
        Assert.Contains("run the course first", error.Message);
        Assert.Contains(SitePlan.RunTheCourse, error.Message);
    }

    [Fact]
    public async Task An_empty_folder_says_it_holds_no_executed_notebook()
    {
        var error = await Assert.ThrowsAsync<SiteBuildException>(() => Build(Repository.NewTemporaryFolder()));
        Assert.Contains("holds no executed notebook", error.Message);
    }

    [Fact]
    public async Task A_malformed_or_unexecuted_notebook_is_named_with_what_to_do()
    {
        var folder = ExecutedFolderWithAllNames();
        File.WriteAllText(Path.Combine(folder, "00-setup.ipynb"), "{ not json");
        var malformed = await Assert.ThrowsAsync<SiteBuildException>(() => Build(folder));
        Assert.Contains("00-setup.ipynb", malformed.Message);
        Assert.Contains("Run the course again", malformed.Message);

        File.Copy(Path.Combine(Repository.Layout.Notebooks, "00-setup.ipynb"), Path.Combine(folder, "00-setup.ipynb"), overwrite: true);
        var unexecuted = await Assert.ThrowsAsync<SiteBuildException>(() => Build(folder));
        Assert.Contains("has no outputs", unexecuted.Message);
    }

    [Fact]
    public async Task A_folder_missing_a_notebook_of_the_map_names_it()
    {
        var folder = ExecutedFolderWithAllNames();
        File.Delete(Path.Combine(folder, "04-batched-inference-solutions.ipynb"));
        var error = await Assert.ThrowsAsync<SiteBuildException>(() => Build(folder));
        Assert.Contains("04-batched-inference-solutions.ipynb", error.Message);
    }

    [Fact]
    public async Task An_output_folder_holding_other_files_is_not_replaced()
    {
        var output = Repository.NewTemporaryFolder();
        File.WriteAllText(Path.Combine(output, "mine.txt"), "keep me");
        var executed = ExecutedFolderWithAllNames();

        var error = await Assert.ThrowsAsync<SiteBuildException>(() => SiteBuilder.BuildAsync(new SiteOptions(Repository.Layout.Root, executed, output), CancellationToken.None));

        Assert.Contains("holds no site built by this command", error.Message);
        Assert.True(File.Exists(Path.Combine(output, "mine.txt")));
    }

    [Fact]
    public void The_link_check_reports_a_missing_page_a_missing_download_and_a_missing_anchor()
    {
        var site = Repository.NewTemporaryFolder();
        File.WriteAllText(Path.Combine(site, "b.html"), "<html><body><h2 id=\"here\">b</h2></body></html>");
        File.WriteAllText(Path.Combine(site, "a.html"), "<html><head><script src=\"plotly.min.js\"></script><script>var x = '<a href=\"in-code.html\">';</script></head><body>" +
                                                         "<a href=\"b.html#here\">ok</a> <a href=\"https://example.com/x\">out</a> <a href=\"c.html\">gone</a> " +
                                                         "<a href=\"downloads/a.ipynb\" download>nb</a> <a href=\"b.html#there\">anchor</a></body></html>");

        var broken = SiteLinkCheck.Broken(site);

        Assert.Equal(["a.html: plotly.min.js (no such file)", "a.html: c.html (no such file)", "a.html: downloads/a.ipynb (no such file)", "a.html: b.html#there (no such anchor on that page)"], broken);
    }

    private static Task<SiteBuildResult> Build(string executed) =>
        SiteBuilder.BuildAsync(new SiteOptions(Repository.Layout.Root, executed, Path.Combine(Repository.NewTemporaryFolder(), "site")), CancellationToken.None);

    // A folder with every page's notebook present, each a minimal executed notebook: a check further on is what fails.
    private static string ExecutedFolderWithAllNames()
    {
        var folder = Repository.NewTemporaryFolder();
        foreach (var notebook in CourseRunner.FindNotebooks(Repository.Layout.Notebooks))
        {
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(notebook)), """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# A lesson"},
                  {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": 1, "source": "1",
                   "outputs": [{"output_type": "stream", "name": "stdout", "text": "1"}]}
                ]}
                """);
        }

        return folder;
    }
}
