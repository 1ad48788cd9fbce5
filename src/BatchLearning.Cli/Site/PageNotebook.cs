using System.Text.Json.Nodes;

namespace BatchLearning.Cli.Site;

/// <summary>
/// The notebook nbconvert turns into one page: the executed notebook (or, for the home and glossary pages, one markdown cell) with its links
/// rewritten for the site, the first use of each glossary term linked, absolute paths dropped from outputs and raw long decimals rounded, and the page's frame
/// (sidebar, previous and next, downloads, run) in its metadata "batchlearning_site", which the template site/batchlearning-page reads.
/// </summary>
internal static class PageNotebook
{
    /// <summary>The notebook for page number <paramref name="index"/> of <paramref name="site"/>.</summary>
    public static JsonObject Create(SiteContext site, int index)
    {
        var page = site.Pages[index];
        var root = page.Kind switch
        {
            SitePageKind.Home => MarkdownNotebook(site.Map.Introduction + "\n" + site.Map.Section),
            SitePageKind.Glossary => MarkdownNotebook(site.Glossary.Markdown),
            _ => Shown(Executed(page, site.Scrubber)),
        };
        var linker = page.Kind == SitePageKind.Glossary ? null : new GlossaryLinker(site.Glossary.Terms, SitePage.GlossaryName + ".html");
        var number = 0;
        foreach (var cell in root["cells"]!.AsArray().OfType<JsonObject>())
        {
            cell["id"] ??= $"cell-{++number}";
            if ((string?)cell["cell_type"] == "markdown")
            {
                var markdown = site.Links.Rewrite(Source(cell), page.Folder);
                cell["source"] = linker is null ? markdown : linker.Link(markdown);
            }
        }

        var metadata = root["metadata"] as JsonObject ?? [];
        root["metadata"] = metadata;
        metadata["title"] = page.Title;
        metadata["batchlearning_site"] = Frame(site, index);
        return root;
    }

    /// <summary>The executed notebook as it is offered for download: absolute paths dropped from its outputs, nothing else changed.</summary>
    public static JsonObject Download(SitePage page, PathScrubber scrubber) => Executed(page, scrubber);

    private static JsonObject Executed(SitePage page, PathScrubber scrubber)
    {
        var root = JsonNode.Parse(File.ReadAllText(page.Executed!))!.AsObject();
        foreach (var cell in root["cells"]!.AsArray().OfType<JsonObject>())
        {
            if (cell["outputs"] is JsonArray outputs)
            {
                cell["outputs"] = JsonNode.Parse(scrubber.Scrub(outputs.ToJsonString()));
            }
        }

        return root;
    }

    // The page shows rounded numbers; the download keeps them as the run wrote them.
    private static JsonObject Shown(JsonObject root)
    {
        foreach (var output in root["cells"]!.AsArray().OfType<JsonObject>().SelectMany(c => c["outputs"] as JsonArray ?? []).OfType<JsonObject>())
        {
            ShownNumbers.Round(output);
        }

        return root;
    }

    private static JsonObject MarkdownNotebook(string markdown) => new()
    {
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
        ["metadata"] = new JsonObject(),
        ["cells"] = new JsonArray(new JsonObject { ["cell_type"] = "markdown", ["id"] = "page", ["metadata"] = new JsonObject(), ["source"] = markdown }),
    };

    private static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue text => (string?)text ?? "",
        _ => "",
    };

    // The page's frame for the template: the sidebar (the map's order), previous and next, downloads, Codespace, run.
    private static JsonObject Frame(SiteContext site, int index)
    {
        var page = site.Pages[index];
        JsonObject? Neighbour(int i) => i < 0 || i >= site.Pages.Count ? null : new JsonObject { ["title"] = site.Pages[i].Title, ["href"] = site.Pages[i].Href };
        return new JsonObject
        {
            ["course"] = site.Frame.Course,
            ["assets"] = "",
            ["sidebar"] = new JsonArray(site.Pages.Select((p, i) => (JsonNode)new JsonObject
            {
                ["title"] = p.Kind == SitePageKind.Solution ? "Worked solutions" : p.Title,
                ["href"] = p.Href,
                ["kind"] = p.Kind.ToString().ToLowerInvariant(),
                ["current"] = i == index,
            }).ToArray()),
            ["previous"] = Neighbour(index - 1),
            ["next"] = Neighbour(index + 1),
            ["downloads"] = page.NotebookDownload is null ? null : new JsonObject { ["notebook"] = page.NotebookDownload, ["lesson"] = page.LessonDownload, ["lesson_path"] = page.Lesson },
            ["codespace"] = new JsonObject { ["url"] = site.Frame.CodespaceUrl, ["note"] = site.Frame.CodespaceNote },
            ["run"] = site.Frame.Run,
        };
    }
}
