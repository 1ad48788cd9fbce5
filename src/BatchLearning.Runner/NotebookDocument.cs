using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchLearning.Runner;

/// <summary>A Jupyter notebook (.ipynb, nbformat 4) as read from disk, able to write itself back with new outputs.</summary>
public sealed class NotebookDocument
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly JsonObject _root;

    private NotebookDocument(string path, JsonObject root, IReadOnlyList<NotebookCell> cells)
    {
        Path = path;
        _root = root;
        Cells = cells;
    }

    /// <summary>Where the notebook was read from.</summary>
    public string Path { get; }

    /// <summary>The file name without extension, for example "00-setup".</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>All cells, in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>Reads a notebook.</summary>
    /// <exception cref="InvalidDataException">The file is not a notebook in nbformat 4, or a field holds the wrong kind of value; the message names the file and the field.</exception>
    public static NotebookDocument Load(string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                   ?? throw new InvalidDataException($"{path} is not a notebook: its JSON is not an object.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not a notebook: {error.Message}", error);
        }

        if (root["nbformat"] is not JsonValue format || !format.TryGetValue<int>(out var version) || version != 4 || root["cells"] is not JsonArray)
        {
            throw new InvalidDataException($"{path} is not a notebook in nbformat 4 (it needs \"nbformat\": 4 and a \"cells\" array).");
        }

        return FromJson(path, root);
    }

    private static NotebookDocument FromJson(string path, JsonObject root)
    {
        var cells = root["cells"]!.AsArray();
        var defaultKernel = Text(root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"], path, "metadata.polyglot_notebook.kernelInfo.defaultKernelName") ?? "csharp";
        var parsed = cells.Select((cell, index) => new NotebookCell(
                index,
                Text(cell?["cell_type"], path, $"cells[{index}].cell_type") == "code",
                JoinSource(cell?["source"], path, $"cells[{index}].source"),
                Text(cell?["metadata"]?["polyglot_notebook"]?["kernelName"], path, $"cells[{index}].metadata.polyglot_notebook.kernelName")
                ?? Text(cell?["metadata"]?["dotnet_interactive"]?["language"], path, $"cells[{index}].metadata.dotnet_interactive.language")
                ?? defaultKernel,
                cell?["metadata"]?["tags"] is JsonArray tags ? tags.Select((t, i) => Text(t, path, $"cells[{index}].metadata.tags[{i}]") ?? "").ToList() : []))
            .ToList();
        return new NotebookDocument(path, root, parsed);
    }

    // A string field, or null when absent; anything else (a number where nbformat says text) is refused naming the file and the field.
    private static string? Text(JsonNode? node, string path, string field) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new InvalidDataException($"{path} is not a valid notebook: {field} is {node.ToJsonString()}, where nbformat 4 has a string."),
    };

    /// <summary>
    /// A copy with a code cell inserted after the cell tagged <paramref name="afterTag"/> (as papermill injects parameters), tagged
    /// <paramref name="tag"/> and with the id <paramref name="tag"/>; the file on disk is not changed.
    /// </summary>
    /// <exception cref="ArgumentException">No cell carries <paramref name="afterTag"/>.</exception>
    public NotebookDocument WithCellAfter(string afterTag, string tag, string source)
    {
        var anchor = Cells.FirstOrDefault(c => c.Tags.Contains(afterTag))
            ?? throw new ArgumentException($"{Name} has no cell tagged '{afterTag}'.", nameof(afterTag));
        var root = (JsonObject)_root.DeepClone();
        var language = Cells[anchor.Index].KernelName;
        root["cells"]!.AsArray().Insert(anchor.Index + 1, new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = tag,
            ["metadata"] = new JsonObject
            {
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = language },
                ["tags"] = new JsonArray(tag),
            },
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        });
        return FromJson(Path, root);
    }

    /// <summary>Writes a copy of the notebook to <paramref name="path"/> with the given outputs per code cell index.</summary>
    public void SaveWithOutputs(string path, IReadOnlyDictionary<int, CellExecution> executions)
    {
        var root = (JsonObject)_root.DeepClone();
        var cells = root["cells"]!.AsArray();
        var count = 0;
        foreach (var cell in Cells.Where(c => c.IsCode))
        {
            var target = cells[cell.Index]!.AsObject();
            if (executions.TryGetValue(cell.Index, out var execution))
            {
                count++;
                target["execution_count"] = count;
                target["outputs"] = new JsonArray(execution.Outputs.Select(o => ToJupyter(o, count)).ToArray<JsonNode?>());
            }
            else
            {
                target["execution_count"] = null;
                target["outputs"] = new JsonArray();
            }
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        File.WriteAllText(path, root.ToJsonString(Indented) + "\n");
    }

    private static JsonNode ToJupyter(CellOutput output, int executionCount) => output.Kind switch
    {
        CellOutputKind.StandardOutput or CellOutputKind.StandardError => new JsonObject
        {
            ["output_type"] = "stream",
            ["name"] = output.Kind == CellOutputKind.StandardOutput ? "stdout" : "stderr",
            ["text"] = output.Text,
        },
        CellOutputKind.Error => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = "Error",
            ["evalue"] = output.Text,
            ["traceback"] = new JsonArray(output.Text.Split('\n').Select(line => (JsonNode?)line).ToArray()),
        },
        CellOutputKind.Result => new JsonObject
        {
            ["output_type"] = "execute_result",
            ["execution_count"] = executionCount,
            ["data"] = MimeBundle(output),
            ["metadata"] = new JsonObject(),
        },
        _ => new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = MimeBundle(output),
            ["metadata"] = new JsonObject(),
        },
    };

    // Jupyter stores JSON MIME types (application/json, application/vnd.plotly.v1+json) as JSON, everything else as text.
    private static JsonObject MimeBundle(CellOutput output)
    {
        var bundle = new JsonObject();
        foreach (var (mime, value) in output.Data)
        {
            bundle[mime] = mime.EndsWith("json", StringComparison.Ordinal) && TryParse(value) is { } json ? json : value;
        }

        return bundle;
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string JoinSource(JsonNode? source, string path, string field) => source switch
    {
        JsonArray lines => string.Concat(lines.Select((line, i) => Text(line, path, $"{field}[{i}]"))),
        null => "",
        _ => Text(source, path, field) ?? "",
    };
}
