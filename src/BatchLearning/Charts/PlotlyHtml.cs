using System.Text.Json;
using System.Text.RegularExpressions;

namespace BatchLearning.Charts;

/// <summary>
/// The HTML that draws a plotly figure wherever it is placed: Jupyter's pages with or without require.js, nbconvert's HTML export,
/// VS Code and the course runner's offline pages. plotly.js is loaded once per page: the page's own <c>window.Plotly</c> when it has one,
/// else one script tag shared by every chart of the page (charts wait for the same load). While that script loads, an AMD
/// <c>define</c> (require.js) is hidden so that plotly.js registers as <c>window.Plotly</c> rather than as an anonymous AMD module.
/// When plotly.js cannot be loaded (offline, blocked) the chart's box shows a one-line note instead of staying blank.
/// </summary>
public static partial class PlotlyHtml
{
    /// <summary>The class of the note shown in a chart's box when it cannot be drawn.</summary>
    public const string NoteClass = "batchlearning-chart-note";

    /// <summary>The global (on <c>window</c>) holding the page's one plotly.js load, a promise every chart awaits.</summary>
    public const string LoaderGlobal = "batchLearningPlotlyLoad";

    /// <summary>A div with id <paramref name="elementId"/> and the script that draws <paramref name="figureJson"/> into it.</summary>
    /// <param name="figureJson">The plotly figure, <c>{"data": [...], "layout": {...}}</c>.</param>
    /// <param name="elementId">The div's id: letters, digits, '-' and '_', starting with a letter.</param>
    /// <param name="plotlyScriptUrl">Where plotly.js is loaded from when the page has none: a URL, or a path relative to the page.</param>
    /// <exception cref="ArgumentException">The figure is not a JSON object, the id has other characters, or the URL is empty.</exception>
    public static string Draw(string figureJson, string elementId, string plotlyScriptUrl)
    {
        ArgumentNullException.ThrowIfNull(figureJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(plotlyScriptUrl);
        if (elementId is null || !ElementId().IsMatch(elementId))
        {
            throw new ArgumentException($"The chart's element id must be letters, digits, '-' or '_', starting with a letter; got '{elementId}'.", nameof(elementId));
        }

        if (!IsJsonObject(figureJson))
        {
            throw new ArgumentException("The figure must be a plotly JSON object ({\"data\": [...], \"layout\": {...}}).", nameof(figureJson));
        }

        // Inside a script element, "</" could close it early; "<\/" means the same in JSON strings.
        var figure = figureJson.Replace("</", "<\\/", StringComparison.Ordinal);
        var url = JsonSerializer.Serialize(plotlyScriptUrl).Replace("</", "<\\/", StringComparison.Ordinal);
        return Element(elementId, url, figure) + "\n" + DrawFunctions(elementId) + "\n" + LoadAndDraw();
    }

    // The chart's div, and the script's start: the id, the plotly.js URL and the figure.
    private static string Element(string elementId, string url, string figure) => $$"""
            <div id="{{elementId}}" class="batchlearning-chart" style="width:100%;min-height:420px"></div>
            <script type="text/javascript">
            (function () {
              var id = '{{elementId}}', url = {{url}};
              var figure = {{figure}};
            """;

    // note() shows a one-line note in the chart's box; draw() draws the figure, or notes why it could not.
    private static string DrawFunctions(string elementId) => $$"""
              function note(text) {
                var box = document.getElementById(id);
                if (!box) { return; }
                box.style.minHeight = '0';
                box.innerHTML = '';
                var line = document.createElement('p');
                line.className = '{{NoteClass}}';
                line.style.cssText = 'margin:0;padding:.4em .6em;border:1px dashed #c88;color:#933;font:14px sans-serif';
                line.textContent = text;
                box.appendChild(line);
              }
              function draw() {
                try {
                  var drawn = Plotly.newPlot('{{elementId}}', figure.data, figure.layout, { responsive: true, displaylogo: false });
                  if (drawn && typeof drawn.then === 'function') { drawn.then(null, function (e) { note('Chart not drawn: plotly.js failed (' + e + ').'); }); }
                } catch (e) {
                  note('Chart not drawn: plotly.js failed (' + (e && e.message ? e.message : e) + ').');
                }
              }
            """;

    // Loads plotly.js once per page (hiding an AMD define meanwhile), then draws; a failed load leaves a note.
    private static string LoadAndDraw() => $$"""
              var load = window.{{LoaderGlobal}};
              if (!load) {
                load = window.{{LoaderGlobal}} = new Promise(function (resolve, reject) {
                  if (window.Plotly && typeof window.Plotly.newPlot === 'function') { resolve(); return; }
                  var amd = typeof window.define === 'function' && window.define.amd ? window.define : null;
                  if (amd) { window.define = undefined; }
                  function done(loaded) {
                    if (amd && window.define === undefined) { window.define = amd; }
                    if (loaded && window.Plotly && typeof window.Plotly.newPlot === 'function') { resolve(); } else { reject(); }
                  }
                  var script = document.createElement('script');
                  script.onload = function () { done(true); };
                  script.onerror = function () { done(false); };
                  script.src = url;
                  document.head.appendChild(script);
                });
              }
              load.then(draw, function () {
                note('Chart not drawn: plotly.js could not be loaded from ' + url + ' (offline or blocked).');
              });
            })();
            </script>
            """;

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex ElementId();
}
