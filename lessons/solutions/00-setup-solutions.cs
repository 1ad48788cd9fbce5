// Lesson generated from notebooks/solutions/00-setup-solutions.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/solutions/00-setup-solutions.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/solutions/00-setup-solutions.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/00-setup-solutions.html.
// On a GPU machine, replace TorchSharp-cpu by TorchSharp-cuda-linux below (same version). The properties: no nullable context,
// as in the notebook kernel; reflection-based JSON, which the library uses (a file-based app turns it off by default); and this
// machine's runtime only. The packages run from the NuGet cache, not copied into the build (lessons/Directory.Build.props).
#:package TorchSharp-cpu@0.107.0
#:project ../../src/BatchLearning/BatchLearning.csproj
#:property Nullable=disable
#:property PublishAot=false
#:property UseCurrentRuntimeIdentifier=true

using BatchLearning.Notebook;
using BatchLearning.BatchSizing;
using BatchLearning.Charts;
using BatchLearning.Costs;
using BatchLearning.Data;
using BatchLearning.Email;
using BatchLearning.Experiments;
using BatchLearning.Findings;
using BatchLearning.Generalisation;
using BatchLearning.Generation;
using BatchLearning.Gradients;
using BatchLearning.Hardware;
using BatchLearning.Inference;
using BatchLearning.Jobs;
using BatchLearning.Latency;
using BatchLearning.Memory;
using BatchLearning.Models;
using BatchLearning.Prompts;
using BatchLearning.Providers;
using BatchLearning.Runtime;
using BatchLearning.Serving;
using BatchLearning.Tables;
using BatchLearning.Timing;
using BatchLearning.Training;
using BatchLearning.Workflow;
using TorchSharp;
using static TorchSharp.torch;

var lesson = LessonConsole.Start("00-setup-solutions", "00 · Setup and your machine — worked solutions", args, ["seed"]);

// # 00 · Setup and your machine — worked solutions
//
// Worked solutions to the *Try it yourself* and *Check your understanding* sections of [00 · Setup and your
// machine](../00-setup.ipynb).
// For each exercise: the change to make, the result **this machine** gave (measured by the code cells below when you
// run this notebook, so your numbers are your own), and why.
//
// New to a term? See the [glossary](../GLOSSARY.md).

// ---- cell 1 ----
// The same first cell in every notebook: pinned packages, then one setup call that says what your numbers come from.
// On a GPU machine: replace TorchSharp-cpu by TorchSharp-cuda-linux (same version), then restart the kernel.

lesson.Show(Course.Setup());

// ## Parameters
//
// The seed fixes the random matrices; the timings themselves vary from run to run, most of all on a busy machine, so
// the sentences below compare only differences that are large.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026); // the random matrices of every comparison below

// ## Try it yourself, 1: more or fewer items per batch
//
// **The change.** Set `batchedCount` to 10, then to 10,000, and run the notebook again:
// `dotnet run --project src/BatchLearning.Cli -- run notebooks/00-setup.ipynb --param batchedCount=10`, then the same
// with `--param batchedCount=10000`.
//
// **The result on this machine.** The cell below runs the notebook's comparison
// (`MatrixProductBenchmark.CompareBatched`, 32 × 32 matrices) at 10, 1,000 (the default) and 10,000 pairs side by side.
lesson.Section("Try it yourself, 1: more or fewer items per batch");

// ---- cell 5 ----
TorchRuntime.Seed(seed);
int[] counts = [10, 1000, 10000];
var byCount = counts.Select(n => MatrixProductBenchmark.CompareBatched(count: n, size: 32, repetitions: 6)).ToList();
lesson.Show(byCount.Select(c => new { c.Count, c.OneByOneMilliseconds, c.BatchedMilliseconds, c.SpeedUp,
    IntervalLow = c.Result.RatioLow, IntervalHigh = c.Result.RatioHigh }).ToDataFrame()); // intervals of the speed-up

// ---- cell 6 ----
var (few, many) = (byCount[0], byCount[^1]);
var change = many.SpeedUpAgainst(few); // "larger", "smaller", or null when the per-round intervals overlap
lesson.Show($"Speed-up of one batched call: {few.SpeedUp:0.0}x with {few.Count} pairs, {byCount[1].SpeedUp:0.0}x with " +
$"{byCount[1].Count:N0}, {many.SpeedUp:0.0}x with {many.Count:N0}. " +
(change == "larger" ? "The speed-up grew with more items per batch (the intervals do not overlap)."
    : change == "smaller" ? "The speed-up shrank with more items per batch (the intervals do not overlap)."
    : "Between 10 and 10,000 pairs the change is too close to call on this run: the per-round intervals overlap."));

// **Why.** With N pairs, a per-call cost o and a per-pair arithmetic cost w, the loop takes about N × (o + w) and the
// batched call about o + N × w′ (w′ ≤ w: one big call also uses the cores better).
// The speed-up N(o + w) / (o + N w′) therefore grows with N while the shared cost o dominates the batched call, then
// levels off near (o + w) / w′ once the batched call's own arithmetic dominates; it can even drop again when the batch
// outgrows the processor's caches (10,000 pairs of 32 x 32 matrices and their products take about 120 MB).
// Where it levels off depends on the machine; on a machine this small it can already be reached at a few hundred pairs,
// and on a busy machine single timings swing by a factor of 2 or more, so only a large change is worth reading.

// ## Try it yourself, 2: predict the speed-up with 512 × 512 matrices
//
// **The change.** Set `myPrediction` to `"larger"` or `"smaller"`, run the prediction cell, then the measurement and
// the check:
// `dotnet run --project src/BatchLearning.Cli -- run notebooks/00-setup.ipynb --param myPrediction=smaller`.
//
// **The result on this machine.** The notebook's own measurement: 20 pairs of 512 × 512 matrices against 1,000 pairs of
// 32 × 32.
lesson.Section("Try it yourself, 2: predict the speed-up with 512 × 512 matrices");

// ---- cell 9 ----
var big = MatrixProductBenchmark.CompareBatched(count: 20, size: 512, repetitions: 6);
var smallMatrices = byCount[1];
var answer = big.SpeedUpAgainst(smallMatrices);
lesson.Show(big.CompareSpeedUp(smallMatrices) + (answer is null ? " The check accepts either answer on this run."
    : $" The answer the check accepts on this run: \"{answer}\"."));

// **Why.** A 512 × 512 product does 2 × 512³ ≈ 268 million FLOPs, 4,096 times the work of a 32 × 32 product, while the
// fixed cost of a call stays the same.
// So one big product already keeps the cores busy long enough for the per-call cost to be a small share of its time:
// there is less left for batching to save, and the speed-up is usually **smaller**. How much smaller depends on the
// machine, and the sentence above says whether this run could tell the two speed-ups apart at all.
// Batching helps most where each item is small, which is exactly the case of a model answering one request at a time.

// ## Check your understanding: the answers
//
// 1. **b**: it pays the fixed per-call cost once for many items. Both ways do the same multiplications (the results
//    agree to float rounding); nothing is skipped and the precision is the same.
// 2. **About 2.15 GFLOP.** Each of the n² outputs needs n multiplications and n additions: 2n³ = 2 × 1,024³ =
//    2,147,483,648 FLOPs.
// 3. **b**: replace `TorchSharp-cpu` by `TorchSharp-cuda-linux` (same version) in the first cell and restart the
//    kernel. The library picks CUDA when a CUDA backend is referenced and a GPU is present; the notebooks stay the
//    same.
lesson.Section("Check your understanding: the answers");

lesson.Finish();
