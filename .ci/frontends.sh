#!/usr/bin/env bash
# Front ends: runs one chart-bearing notebook in real Jupyter (nbconvert + nbclient + the pinned .NET kernel) and opens its HTML export
# in headless Chromium. Checks:
#   1. the executed notebook has no error output and no stderr stream, and has plotly JSON and text/html outputs
#      (and the library's DataFrame formatter's table, not the raw one with <null>/NaN);
#   2. in nbconvert's HTML export (a page with require.js), every chart box drew its traces and no script error was logged.
# Where the page's CDN addresses (require.js, plotly.js) cannot be reached (an offline machine), they are pointed at local copies
# (Debian's libjs-requirejs, the plotly.js the CLI ships) and the script says so.
# Usage: bash .ci/frontends.sh [NOTEBOOK]   or   bash .ci/frontends.sh --install-only (install the packages and stop)
#   (default notebooks/00-setup.ipynb; output in artifacts/frontends/)
#   FRONTENDS_SKIP_PACK=1 skips the normal build of src/BatchLearning that installs BatchLearning 0.1.0 into the NuGet cache
#   (for a caller whose own normal build, such as dotnet test, just did it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
install_only=0
notebook=notebooks/00-setup.ipynb
case "${1:-}" in
  --install-only) install_only=1 ;;
  "") ;;
  -*) echo "unknown option: $1 (usage: bash .ci/frontends.sh [NOTEBOOK] | --install-only)" >&2; exit 2 ;;
  *) notebook=$1 ;;
esac
name=$(basename -- "$notebook" .ipynb)
out=$root/artifacts/frontends
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1

echo "== front ends: packages"
missing=()
for package in chromium jupyter-nbconvert python3-nbclient jupyter-client libjs-requirejs; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$out/apt.log" 2>&1 || { tail -20 "$out/apt.log"; exit 1; }
fi
# The course website's search index (pagefind, pinned in site/package-lock.json) installs with npm.
if ! command -v npm >/dev/null 2>&1; then
  echo "installing: nodejs npm (for the course website's search index)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >>"$out/apt.log" 2>&1 || { tail -20 "$out/apt.log"; exit 1; }
fi
if [ "$install_only" = "1" ]; then
  exit 0
fi
jupyter=/usr/bin/jupyter

echo "== front ends: the .NET kernel for Jupyter (pinned dotnet-interactive from .config/dotnet-tools.json)"
dotnet tool restore >/dev/null
dotnet tool run dotnet-interactive -- jupyter install >"$out/kernel-install.log" 2>&1 || { cat "$out/kernel-install.log"; exit 1; }
"$jupyter" kernelspec list 2>/dev/null | grep -q '\.net-csharp' || { echo "the .net-csharp kernel is not installed"; exit 1; }

if [ "${FRONTENDS_SKIP_PACK:-0}" = "1" ]; then
  echo "== front ends: using the BatchLearning package already in the NuGet cache (FRONTENDS_SKIP_PACK=1)"
else
  echo "== front ends: the BatchLearning package the notebook references (a normal build packs it into the NuGet cache)"
  dotnet build src/BatchLearning -nologo -v q >"$out/pack.log" 2>&1 || { tail -30 "$out/pack.log"; exit 1; }
fi

echo "== front ends: execute $notebook in Jupyter (nbconvert --execute, kernel .net-csharp)"
"$jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=600 \
  --output-dir "$out" --output "$name.executed" "$notebook" 2>"$out/nbconvert-execute.log" || { tail -40 "$out/nbconvert-execute.log"; exit 1; }

python3 - "$out/$name.executed.ipynb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
problems, mimes, tables = [], set(), []
for index, cell in enumerate(nb["cells"]):
    for output in cell.get("outputs", []):
        kind = output["output_type"]
        if kind == "error":
            problems.append(f"cell {index}: error {output.get('ename')}: {output.get('evalue')}")
        if kind == "stream" and output.get("name") == "stderr":
            problems.append(f"cell {index}: stderr: {''.join(output.get('text', ''))!r}")
        data = output.get("data", {})
        mimes.update(data)
        html = data.get("text/html", "")
        if isinstance(html, list):
            html = "".join(html)
        if "batchlearning-table" in html or "id=\"table_" in html:
            tables.append((index, html))
for mime in ("application/vnd.plotly.v1+json", "text/html"):
    if mime not in mimes:
        problems.append(f"no {mime} output")
for index, html in tables:
    if "batchlearning-table" not in html:
        problems.append(f"cell {index}: a DataFrame shown by Microsoft.Data.Analysis's formatter, not the library's (batchlearning-table)")
    if "&lt;null&gt;" in html or ">NaN<" in html:
        problems.append(f"cell {index}: the table shows <null> or NaN")
print(f"executed notebook: {len(nb['cells'])} cells, output types {sorted(mimes)}, {len(tables)} DataFrame table(s)")
if problems:
    print("\n".join(problems))
    sys.exit(1)
PY

echo "== front ends: nbconvert's HTML export in headless Chromium"
"$jupyter" nbconvert --to html --output-dir "$out" --output "$name" "$out/$name.executed.ipynb" 2>"$out/nbconvert-html.log" || { tail -20 "$out/nbconvert-html.log"; exit 1; }
plotly=$(ls src/BatchLearning.Cli/bin/*/*/assets/plotly.min.js 2>/dev/null | head -1 || true)
if [ -z "$plotly" ]; then
  plotly=$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/plotly.blazor" -name 'plotly-*.min.js' | head -1)
fi
cp "$plotly" "$out/plotly.min.js"
cp /usr/share/javascript/requirejs/require.js "$out/require.js"
online=0
if curl -sfI --max-time 5 https://cdn.plot.ly/plotly-3.7.0.min.js >/dev/null 2>&1; then online=1; fi
python3 - "$out/$name.html" "$out/$name.checked.html" "$root/tests/BatchLearning.Tests/FrontEnds/fixtures" "$online" <<'PY'
import re, sys
page, target, fixtures, online = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
html = open(page, encoding="utf-8").read()
requires = re.findall(r'<script[^>]+src="([^"]*require[^"]*\.js)"', html)
print(f"require.js on the exported page: {requires or 'none'}")
if not online:
    html = re.sub(r'src="[^"]*require(\.min)?\.js"', 'src="require.js"', html)
    html = html.replace("https://cdn.plot.ly/plotly-3.7.0.min.js", "plotly.min.js")
    print("offline: require.js and plotly.js pointed at local copies beside the page")
record = open(f"{fixtures}/record-console.js").read()
check = open(f"{fixtures}/check-charts.js").read()
head = html.index("<head>") + len("<head>")
html = html[:head] + f"<script>{record}</script>" + html[head:]
end = html.rindex("</body>")
html = html[:end] + f"<script>{check}</script>" + html[end:]
open(target, "w", encoding="utf-8").write(html)
PY
profile=$(mktemp -d)
timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --allow-file-access-from-files \
  --user-data-dir="$profile" --window-size=1200,2000 --virtual-time-budget=30000 --dump-dom "file://$out/$name.checked.html" \
  >"$out/$name.dom.html" 2>"$out/chromium.log" || true
timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --allow-file-access-from-files \
  --user-data-dir="$profile" --window-size=1400,3000 --virtual-time-budget=30000 --screenshot="$out/$name.png" "file://$out/$name.checked.html" \
  >/dev/null 2>&1 || true
rm -rf "$profile"
python3 - "$out/$name.dom.html" <<'PY'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
def attribute(name):
    match = re.search(name + r'="([^"]*)"', dom)
    return json.loads(html.unescape(match.group(1))) if match else None
report, errors = attribute("data-chart-report"), attribute("data-console-errors") or []
if report is None:
    print("the page wrote no chart report (check-charts.js did not finish)"); sys.exit(1)
problems = []
print(f"require.js active: {report['requireJs']}; plotly.js script tags: {report['plotlyScripts']}")
for chart in report["charts"]:
    print(f"  chart {chart['id']}: drawn={chart['drawn']} traces drawn={chart['tracesDrawn']} in figure={chart['tracesInFigure']} {chart['note']}")
    if not chart["drawn"] or chart["tracesInFigure"] == 0 or chart["tracesDrawn"] < chart["tracesInFigure"]:
        problems.append(f"chart {chart['id']} not drawn: {chart['note'] or 'blank'}")
if not report["charts"]:
    problems.append("no chart on the page")
if report["plotlyScripts"] > 1:
    problems.append(f"{report['plotlyScripts']} plotly.js script tags (one expected)")
for error in errors:
    print(f"  console: {error}")
    if not error.startswith("resource failed to load"):
        problems.append(f"script error: {error}")
print(f"{len(report['charts'])} chart(s) checked")
if problems:
    print("\n".join(problems)); sys.exit(1)
PY
echo "front ends: ok ($notebook executed in Jupyter; its HTML export drew every chart in Chromium)"
