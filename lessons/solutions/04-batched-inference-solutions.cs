// Lesson generated from notebooks/solutions/04-batched-inference-solutions.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/solutions/04-batched-inference-solutions.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/solutions/04-batched-inference-solutions.cs -- --param seed=Course.DefaultSeed
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/04-batched-inference-solutions.html.
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

var lesson = LessonConsole.Start("04-batched-inference-solutions", "04 · Batched inference in production — worked solutions", args, ["seed"]);

// # 04 · Batched inference in production — worked solutions
//
// Worked solutions to the *Try it yourself* and *Check your understanding* sections of [04 · Batched inference in
// production](../04-batched-inference.ipynb).
// For each exercise: the change to make, the result **this machine** gave (measured by the code cells below when you
// run this notebook), and why.
//
// New to a term? See the [glossary](../GLOSSARY.md).

// ---- cell 1 ----
// The same first cell in every notebook: pinned packages, then one setup call that says what your numbers come from.
// On a GPU machine: replace TorchSharp-cpu by TorchSharp-cuda-linux (same version), then restart the kernel.

lesson.Show(Course.Setup());

// ## Parameters
//
// The seed fixes the model's weights, the inputs and the arrival times of the traffic. Latencies still vary from run to
// run, most of all on a busy machine, so the sentences below compare only large differences.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
long seed = lesson.Parameter<long>("seed", Course.DefaultSeed); // the weights, the inputs and the arrival times

// The model and the batcher are the course notebook's, and so is the set-up: libtorch on one thread, the **capacity**
// measured first (requests a second answered one at a time),
// traffic offered as a share of it, latency on the batcher's clock, each test one call of `BatcherLoadTest`. To stay
// within a minute, each point is measured in one pass of about 0.8 s of traffic
// (the course notebook takes the median of three), and only the max delays an exercise is about (0 and 8 ms) are tried.

// ---- cell 5 ----
TorchRuntime.Seed(seed);
torch.set_num_threads(1); // as in the course notebook: model, batcher and traffic do not fight over the cores
var mlp = Mlp.Reference;
var model = mlp.Create();
var features = rand(1000, mlp.Inputs).data<float>().ToArray().Chunk(mlp.Inputs).ToArray();
var classify = ModelBatchFunction.Classifier(model, mlp.Inputs, TorchRuntime.Device);

// ---- cell 6 ----
async Task<DelayTradeOff> Serve(double rate, int maxBatch, double delayMs) =>
    (await BatcherLoadTest.RunAsync(classify, features, LoadTestOptions.ForDuration(
        new DynamicBatcherOptions(maxBatch, TimeSpan.FromMilliseconds(delayMs)), rate, 0.8, seed))).TradeOff; // 0.8 s
var capacity = await BatcherLoadTest.MeasureCapacityAsync(classify, features, requestsPerClient: 400);
lesson.Show($"Capacity one request at a time, on one libtorch thread: {capacity:N0} requests/s.");

// ## Try it yourself, 1: raise the load to and past the capacity
//
// **The change.** Set `highLoad` to 0.9 and then to 1.5 and run again: `dotnet run --project src/BatchLearning.Cli --
// run notebooks/04-batched-inference.ipynb --param highLoad=1.5`.
//
// **The result on this machine.** Max delay 0 and 8 ms (batches of at most 64) at 50 %, 90 % and 150 % of the capacity.
// "Keeps up" below means the throughput is within 10 % of the offered load.
lesson.Section("Try it yourself, 1: raise the load to and past the capacity");

// ---- cell 8 ----
double[] shares = [0.5, 0.9, 1.5];
var byLoad = new List<(double Share, DelayTradeOff AtZero, DelayTradeOff AtEight)>();
foreach (var share in shares)
{
    byLoad.Add((share, await Serve(share * capacity, 64, 0), await Serve(share * capacity, 64, 8)));
}
lesson.Show(byLoad.Select(r => new
{
    LoadShare = r.Share, r.AtZero.OfferedPerSecond,
    ThroughputAt0 = r.AtZero.ThroughputPerSecond, P99MsAt0 = r.AtZero.LatencyP99Ms,
    MeanBatchAt0 = r.AtZero.MeanBatchSize, ThroughputAt8 = r.AtEight.ThroughputPerSecond,
    P99MsAt8 = r.AtEight.LatencyP99Ms, MeanBatchAt8 = r.AtEight.MeanBatchSize,
}).ToList().ToDataFrame());

// ---- cell 9 ----
bool KeepsUp(DelayTradeOff s) => Math.Abs(s.ThroughputPerSecond / s.OfferedPerSecond - 1) <= 0.1;
var busiest = byLoad[^1];
var (atEightP99, atZeroP99) = (busiest.AtEight.LatencyP99Ms, busiest.AtZero.LatencyP99Ms);
lesson.Show(string.Join(" ", byLoad.Select(r => $"At {r.Share:P0} of capacity, max delay 0 " +
    $"{(KeepsUp(r.AtZero) ? "kept up" : "did not keep up")} ({r.AtZero.ThroughputPerSecond:N0} of " +
    $"{r.AtZero.OfferedPerSecond:N0}/s, mean batch {r.AtZero.MeanBatchSize:0.0}).")) +
$" At {busiest.Share:P0}, a max delay of 8 ms gave p99 {atEightP99:0.0} ms against {atZeroP99:0.0} ms at 0: " +
(atEightP99 < 0.8 * atZeroP99 ? "the longer delay helped."
    : atEightP99 > 1.25 * atZeroP99 ? "the longer delay made it worse." : "about the same (within 25 %)."));

// **Why.** The capacity is what the batcher serves one request at a time. Below it, requests rarely queue, and every
// request waits only for its own batch to close: a max delay mostly adds latency (on a busy machine a short delay can
// still lower the p99 by grouping requests that arrive together: compare the rows above).
// Near and past it, requests queue while the model is busy, so batches form by themselves even at max delay 0 (compare
// the mean batch size at each load), and each larger batch serves more
// requests per pass: that is what lets the batcher keep up past its one-at-a-time capacity. A max delay on top mostly
// makes the first request of each batch wait longer; it helps only when it turns many
// tiny batches into fewer large ones faster than the queue would. Beyond the rate the largest batches can sustain, no
// setting helps: the throughput stops following the offered load and the latency grows without limit.

// ## Try it yourself, 2: batches of at most 8
//
// **The change.** Set `maxBatchSize` to 8 and run again: `dotnet run --project src/BatchLearning.Cli -- run
// notebooks/04-batched-inference.ipynb --param maxBatchSize=8`.
//
// **The result on this machine.** Max delay 8 ms (the longest) at 50 % of capacity, with batches of at most 64 (from
// above) and of at most 8.
lesson.Section("Try it yourself, 2: batches of at most 8");

// ---- cell 12 ----
var cap64 = byLoad[0].AtEight;
var cap8 = await Serve(0.5 * capacity, 8, 8);
lesson.Show($"At max delay 8 ms: mean batch {cap64.MeanBatchSize:0.0} with at most 64 (p99 {cap64.LatencyP99Ms:0.0} ms), " +
$"{cap8.MeanBatchSize:0.0} with at most 8 (p99 {cap8.LatencyP99Ms:0.0} ms). " +
(cap8.MeanBatchSize < cap64.MeanBatchSize
    ? "The cap lowered the mean batch size: batches now close when full, before the delay."
    : "The cap did not lower the mean batch size: batches were already smaller than 8."));

// **Why.** A batch closes at the first of two events: full, or its oldest request has waited the max delay. At half the
// capacity, roughly rate × 8 ms requests arrive while a batch waits,
// usually more than 8, so with a cap of 64 the delay closes the batch and with a cap of 8 the batch fills first: the
// mean batch size sits at (or just under) 8.
// The p99 usually falls too, since no request waits the full 8 ms, at the price of more, smaller passes of the model.

// ## Try it yourself, 3: mean batch size at the longest max delay against 0
//
// **The change.** Set `myPrediction` to `"larger"` or `"smaller"`, run the prediction cell, then the check after the
// trade-off table: `dotnet run --project src/BatchLearning.Cli -- run notebooks/04-batched-inference.ipynb --param
// myPrediction=larger`.
//
// **The result on this machine.** From the runs at 50 % of capacity with batches of at most 64 in exercise 1 (the
// course notebook asks at 30 %).
lesson.Section("Try it yourself, 3: mean batch size at the longest max delay against 0");

// ---- cell 15 ----
var (atZero, atEight) = (byLoad[0].AtZero, byLoad[0].AtEight);
var answer = atEight.MeanBatchSize > atZero.MeanBatchSize ? "larger" : "smaller";
lesson.Show($"Mean batch size {atZero.MeanBatchSize:0.0} at max delay 0 and {atEight.MeanBatchSize:0.0} at 8 ms. " +
$"The answer the check accepts on this run: \"{answer}\".");

// **Why.** At max delay 0 a batch forms only from the requests that queued while the model was busy with the previous
// one: few well below capacity, more as the load nears it (the sentence above gives this run's mean at 50 % of
// capacity).
// At 8 ms the batch stays open until its oldest request has waited 8 ms, and every request arriving meanwhile joins it:
// about rate × delay of them.

// ## Check your understanding: the answers
//
// 1. **c**: whichever of a and b comes first. The batch closes when it is full (`MaxBatchSize`) or when its oldest
//    request has waited `MaxDelay`.
// 2. **a**: never, up to float rounding. Each row of a batch is computed independently of the others; only the order of
//    floating-point operations can differ.
// 3. **3 ms.** Alone in the queue, the request waits the whole max delay (2 ms) for company that never comes, then its
//    batch of one takes 1 ms.
lesson.Section("Check your understanding: the answers");

lesson.Finish();
