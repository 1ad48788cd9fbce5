// Lesson generated from notebooks/04-batched-inference.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/04-batched-inference.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/04-batched-inference.cs -- --param seed=Course.DefaultSeed
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/04-batched-inference.html.
// On a GPU machine, replace TorchSharp-cpu by TorchSharp-cuda-linux below (same version). The properties: no nullable context,
// as in the notebook kernel; reflection-based JSON, which the library uses (a file-based app turns it off by default); and this
// machine's runtime only. The packages run from the NuGet cache, not copied into the build (lessons/Directory.Build.props).
#:package TorchSharp-cpu@0.107.0
#:project ../src/BatchLearning/BatchLearning.csproj
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

var lesson = LessonConsole.Start("04-batched-inference", "04 · Batched inference in production", args, ["seed", "highLoad", "maxBatchSize", "p99BudgetMs", "myPrediction", "quiz1", "quiz2", "quiz3"]);

// # 04 · Batched inference in production
//
// **The question:** when emails arrive one at a time, how long may the classifier wait to group them into a batch, and
// what does that wait cost each email?
// Notebook 01 showed that one call for many inputs is cheaper per input than one call each; a service that answers
// requests as they come must first collect them.
//
// A trained model earns its keep at **inference** time, scoring new inputs. Offline, with a whole data set to score,
// you choose the batch size.
// Online, requests arrive one at a time, and a **dynamic batcher** groups them: it waits a little for company, then
// runs one batch. This notebook measures both on your machine.
//
// **You will learn to**
// 1. profile a model's **throughput** (items a second) and batch **latency** (the time one call takes) against batch
//    size,
//    and compare it with your machine's ceiling (the fastest it does arithmetic, measured as in notebook 00);
// 2. put a model behind a dynamic batcher (max batch size, max delay) and load it with random traffic (Poisson:
//    independent arrivals at a set average rate);
// 3. read the trade-off between throughput and the **p50/p95/p99** latency (the latency that half, 95 % and 99 % of
//    requests stay under) as the max delay grows,
//    and map it onto the settings of two serving systems, NVIDIA Triton and Ray Serve.
//
// New to a term? See the [glossary](GLOSSARY.md).

// ---- cell 1 ----
// The same first cell in every notebook: pinned packages, then one setup call that says what your numbers come from.
// On a GPU machine: replace TorchSharp-cpu by TorchSharp-cuda-linux (same version), then restart the kernel.

lesson.Show(Course.Setup());

// ## Parameters
//
// This notebook's knobs and your answers to its exercises. Answers start unset (`null`); set one when an exercise asks,
// then run its check.
// The course runner sets them without editing: `dotnet run --project src/BatchLearning.Cli -- run
// notebooks/04-batched-inference.ipynb --param maxBatchSize=8`.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
long seed = lesson.Parameter<long>("seed", Course.DefaultSeed); // drives the random inputs and the arrival times of the traffic
double highLoad = lesson.Parameter<double>("highLoad", 0.5);          // the higher load, a share of the capacity; the lower is 0.3 (Try it yourself, 1)
int maxBatchSize = lesson.Parameter<int>("maxBatchSize", 64);          // the dynamic batcher's largest batch (Try it yourself, 2)
double p99BudgetMs = lesson.Parameter<double>("p99BudgetMs", 5);         // your latency budget: the p99 a request may take, in ms (the recipe below)
string myPrediction = lesson.Parameter<string>("myPrediction", null);     // "larger" or "smaller": mean batch, longest max delay against 0 (Try it yourself, 3)
string quiz1 = lesson.Parameter<string>("quiz1", null);            // Check your understanding: "a", "b" or "c"
string quiz2 = lesson.Parameter<string>("quiz2", null);            // "a", "b" or "c"
double? quiz3 = lesson.Parameter<double?>("quiz3", null);           // a number of milliseconds

// ## Offline: throughput against batch size
//
// The model is the course's reference **multilayer perceptron** (MLP: layers of weighted sums with a ReLU, which turns
// negative values into 0, between them), `Mlp.Reference`:
// 784 inputs (a 28 × 28 image), 256 hidden units, 10 classes. One item costs `mlp.FlopsPerItem` = 2 × (784 × 256 + 256
// × 10) = 406,528 **FLOPs** (floating-point operations:
// one multiply or one add), so a speed in items a second converts to **GFLOP/s** (billions of FLOPs a second).
// We time one call at batch sizes from 1 to 1,024 with `BatchPredictor.ProfileAgainstCeiling`, the method of notebooks
// 00 and 01:
// 5 rounds, at least 0.2 s of calls per size, each round after a sample of your machine's **ceiling** (the best square
// matrix product); each size's figure is its median round, the ceiling the best sample.
// A profile gives each size a short slice of time, so one busy moment can crown the wrong size. The cell after the
// chart therefore races the profile's highest throughput
// against batch 1 on the same rows with `BatchSizeComparison.Compare`, the course's one way of comparing two timings
// (`HeadToHead`, as in notebooks 00 and 01): interleaved rounds after a warm-up,
// beside a fixed reference task that shows whether another program took the processor, and a verdict that says *too
// close to call* when the run cannot tell the two apart
// (it names a winner only when the 95 % interval of the per-round ratios lies on one side of 1 and the two differ by at
// least 5 %).
//
// **libtorch** (the C++ engine under TorchSharp that does the arithmetic) runs on **one thread** in this notebook: the
// serving test needs the other core for the batcher and the traffic,
// and on a machine shared with other programs a second libtorch thread waiting for a busy core would stall every small
// call (notebook 01 lets you see what that does). The ceiling is measured on the same one thread.
lesson.Section("Offline: throughput against batch size");

// ---- cell 5 ----
torch.set_num_threads(1); // for this notebook's kernel: see above
TorchRuntime.Seed(seed);
var mlp = Mlp.Reference; // 784-256-10
var model = mlp.Create();
var inputs = rand(8192, mlp.Inputs, device: TorchRuntime.Device);
int[] batchSizes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
var measured = BatchPredictor.ProfileAgainstCeiling(model, inputs, batchSizes, mlp.FlopsPerItem);
var profile = measured.Points;
var ceiling = measured.Ceiling.PeakGigaflopsPerSecond;
lesson.Show(profile.ToDataFrame());

// ---- cell 6 ----
lesson.Show(Chart.Of("Achieved speed of the model against your machine's matrix-product ceiling",
    new Axis("batch size", Logarithmic: true), new Axis("GFLOP/s"),
    ChartSeries.From(profile, p => p.BatchSize, p => p.GigaflopsPerSecond, "model, achieved"),
    ChartSeries.From(profile, p => p.BatchSize, _ => ceiling,
        measured.Ceiling.SeriesName, SeriesStyle.Lines)));

// ---- cell 7 ----
var (one, top) = (profile.First(p => p.BatchSize == 1), measured.Highest);
lesson.Show(measured.Describe()); // the profile in words; it names no winner
// The profile's highest against batch 1, head to head on 1,024 rows, 9 interleaved rounds (64 if batch 1 was highest)
var batchOrOne = BatchSizeComparison.Compare(model, inputs[..1024], top.BatchSize > 1 ? top.BatchSize : 64);
lesson.Show(batchOrOne);

// Two things can grow with the batch: throughput, because per-call overhead is shared and bigger matrix products keep
// the cores busy, and the time one batch takes, which is the latency
// every item in it sees (the table above shows both for your machine). Batching should change how the answers are
// computed, not the answers; the next cell checks on your run,
// counting the predicted classes that differ between the two ways:

// ---- cell 9 ----
// The same 512 rows scored one at a time and in batches of 256: the largest difference and the classes that differ
lesson.Show(BatchInvariance.Check(model, inputs[..512], batchSize: 256));

// Why a difference can appear at all: floating-point addition is not associative, so a sum of the same numbers in
// another order can round differently, and libtorch picks its
// matrix-product routine, and with it the order of the additions, by the shape of the matrices, so by the batch size. A
// difference this small changes a predicted class only
// when two classes' scores are that close, which the count above checks. On a GPU the differences are larger, and a
// kernel whose result does not depend on the batch is called
// **batch-invariant**; most are not. An LLM server's batch size changes with its load, so the same prompt at
// temperature 0 can come back different depending on its batch-mates
// (He and Thinking Machines Lab, 2025, counted 80 distinct completions in 1,000 runs of one prompt on
// Qwen3-235B-A22B-Instruct-2507 under vLLM, and one with batch-invariant kernels,
// which cost speed). A CPU run cannot show a GPU's kernels; the count above is what your run shows.

// ## Online: a dynamic batcher under random traffic
//
// In production, requests arrive one at a time. The `DynamicBatcher` queues them and dispatches a batch when it holds
// `MaxBatchSize` requests
// **or** when the oldest has waited `MaxDelay`, whichever comes first. With a max delay of 0 each request is dispatched
// as soon as the model is free, so batches form only from requests that queued while it was busy.
//
// Each measurement is one call of the library's `BatcherLoadTest`: it starts a batcher, warms it up with 200 requests,
// forgets their metrics,
// sends the traffic and reads the batcher's metrics. The test is set up so that your machine, not the test, decides the
// result:
// - libtorch still runs on **one thread**, so the model, the batcher and the traffic do not fight over a few cores;
// - the **capacity** is measured first: how many requests a second the batcher answers one at a time (`MaxBatchSize` 1,
//   8 clients each sending its next request when the last is answered);
// - the traffic is a **Poisson** stream (requests at random moments, independent of each other, at a set average rate)
//   at **30 %** and **`highLoad`** (50 % unless you change it) of that capacity,
//   and every load is tried with max delays of 0, 1, 2, 4 and 8 ms and batches of at most `maxBatchSize` (64);
// - latency is measured on the batcher's clock, from the moment a request is submitted to the moment its result is
//   ready: the wait for its batch to close (at most the max delay),
//   any wait for the model to finish the batch before, the batch's own run, and the hand-offs between threads, which on
//   a busy machine can add a millisecond, so a median above the max delay is possible;
// - every point is measured in three passes, taken in turn, and keeps its median pass, so one busy moment of the
//   machine does not decide a point.
lesson.Section("Online: a dynamic batcher under random traffic");

// **Predict before you measure** (Try it yourself, 3): at 30 % of capacity, will the mean batch size at a max delay of
// 8 ms be **larger** or **smaller** than at a max delay of 0?
// Set `myPrediction` in the parameters cell and run the next cell to put it on record; the check follows the
// measurement.

// ---- cell 13 ----
lesson.Show(Exercise.Prediction(nameof(myPrediction), myPrediction));

// ---- cell 14 ----
var features = inputs.cpu().data<float>().ToArray().Chunk(mlp.Inputs).Take(1000).ToArray(); // 1,000 requests' inputs
var classify = ModelBatchFunction.Classifier(model, mlp.Inputs, TorchRuntime.Device); // vectors in, classes out
var capacity = await BatcherLoadTest.MeasureCapacityAsync(classify, features); // one request at a time, 8 clients
double[] loadShares = [0.3, highLoad];
lesson.Show(DelaySweepReport.Capacity(capacity, loadShares));

// ---- cell 15 ----
double[] delaysMs = [0, 1, 2, 4, 8];
var tests = loadShares.SelectMany(share => delaysMs.Select(delayMs => LoadTestOptions.ForDuration(
    new DynamicBatcherOptions(maxBatchSize, TimeSpan.FromMilliseconds(delayMs)), share * capacity,
    durationSeconds: 0.8, seed))).ToList();
var results = await BatcherLoadTest.SweepAsync(classify, features, tests, passes: 3); // each test keeps its median pass
var tradeOff = results.Select(r => r.TradeOff).ToList();
var byLoad = tradeOff.Chunk(delaysMs.Length).Select(points => points.ToList()).ToList(); // per load, by max delay
lesson.Show(tradeOff.ToDataFrame());

// ---- cell 16 ----
var low = byLoad[0];
var (atZero, atLongest) = (low[0], low[^1]);
lesson.Show(Exercise.Check(nameof(myPrediction), myPrediction, ["larger", "smaller"],
    correct: atLongest.MeanBatchSize > atZero.MeanBatchSize ? "larger" : "smaller",
    DelaySweepReport.ExplainBatchGrowth(loadShares[0], atZero, atLongest)));

// ---- cell 17 ----
lesson.Show(low.ToLatencyChart());

// ---- cell 18 ----
lesson.Show(low.ToTradeOffChart());

// The two charts above show the lower load (30 % of capacity); the table has both. Below, the batcher's own metrics for
// the last test (the higher load, the longest max delay, its median pass):
// how many batches had each size. With Poisson arrivals the sizes are expected to spread around the mean rather than
// sit at it.

// ---- cell 20 ----
lesson.Show(results[^1].Metrics.ToBatchSizeChart());

// What a longer max delay did on your run, load by load (computed from the table):

// ---- cell 22 ----
// What a longer max delay did at each load, worded from the sweep's numbers (DelaySweepReport.Describe)
lesson.Show(DelaySweepReport.Describe(loadShares[0], byLoad[0]));
lesson.Show(DelaySweepReport.Describe(loadShares[1], byLoad[1]));

// ## Choosing the max delay: the recipe, on your sweep
//
// Triton's documentation gives a recipe for its dynamic batcher (NVIDIA, *Batchers*, "Recommended Configuration
// Process"): decide the largest batch the model takes; turn the batcher
// on with **no delay**; measure latency and throughput under your traffic; only if the latency is within your budget,
// raise the max batch size or give the delay a value above 0, and
// measure again, until the budget is reached. Two things decide how far the recipe goes on your sweep:
// - a delay adds throughput only when the model cannot keep up without it; when every delay serves the offered load, a
//   delay buys bigger batches (less work per request) and waiting, nothing else;
// - once batches fill by themselves (the mean batch at no delay is near the max batch size), a delay changes nothing:
//   batches close full before it runs out.
//
// The budget is `p99BudgetMs` in the parameters cell (5 ms unless you change it). The recipe, load by load:
lesson.Section("Choosing the max delay: the recipe, on your sweep");

// ---- cell 24 ----
// Triton's recipe on each load's sweep (DelayRecipe.Advise: every branch worded from the sweep's numbers)
lesson.Show(string.Join("\n", loadShares.Zip(byLoad, (share, sweep) => DelayRecipe.Advise(share, sweep, p99BudgetMs, maxBatchSize))));

// Batching pays when the model is the bottleneck: then bigger batches are what keeps the queue from growing. Try it
// yourself (1) pushes the load past the capacity to see it.
//
// ## How this maps onto serving systems
//
// Real servers expose the same two knobs (sources in the References):
// - **NVIDIA Triton** (an inference server)'s dynamic batcher: `max_queue_delay_microseconds` is our `MaxDelay`; the
//   model's max batch size is our `MaxBatchSize`; instances are our `Workers`.
//   Its optimisation guide reports, for an Inception model, 73.4 inferences/s at p95 65.6 ms without batching and 272
//   inferences/s (about 3.7x) at p95 36.0 ms with the dynamic batcher.
// - **Ray Serve**'s `@serve.batch`: `max_batch_size` (default 10) and `batch_wait_timeout_s` (default 0.01 s); a batch
//   runs when full or when the timeout passes, whichever is first.
// - **TorchServe**: `batch_size` (default 1) and `max_batch_delay` (default 100 ms).
lesson.Section("How this maps onto serving systems");

// ## Try it yourself
//
// 1. Set `highLoad` to 0.9 and then to 1.5 (150 % of the capacity one request at a time) in the parameters cell and run
//    again. At max delay 0, does the throughput still equal the offered load? Does a longer max delay help there?
// 2. Set `maxBatchSize` to 8. What happens to the mean batch size at the longest delay?
// 3. The prediction above (`myPrediction`): if you skipped it, set it now and run the check after the trade-off table.
//
// Worked solutions: [solutions/04-batched-inference-solutions.ipynb](solutions/04-batched-inference-solutions.ipynb).
lesson.Section("Try it yourself");

// ## Check your understanding
//
// Set `quiz1` to `quiz3` in the parameters cell, then run the cell below.
//
// 1. A dynamic batcher dispatches a batch when: **a**) it is full; **b**) its oldest request has waited the max delay;
//    **c**) whichever of a and b comes first.
// 2. Computing the same inputs in batches instead of one by one changes the model's answers: **a**) never, up to float
//    rounding; **b**) sometimes; **c**) always.
// 3. Max delay 2 ms, a batch takes 1 ms, and traffic is so light that a request always arrives to an empty, idle
//    batcher. How many milliseconds from arrival to answer?
lesson.Section("Check your understanding");

// ---- cell 28 ----
lesson.Show(Exercise.Check(nameof(quiz1), quiz1, ["a", "b", "c"], "c",
    "the batch closes at the first of the two events: full (MaxBatchSize), " +
    "or the oldest request has waited MaxDelay."));
lesson.Show(Exercise.Check(nameof(quiz2), quiz2, ["a", "b", "c"], "a",
    "each row of a batch is computed independently of the others; only float rounding can differ, " +
    "as the comparison above showed."));
lesson.Show(Exercise.Check(nameof(quiz3), quiz3, measured: 3, relativeTolerance: 0.1,
    "alone in the queue, the request waits the whole max delay (2 ms) for company that never comes, " +
    "then its batch takes 1 ms: 3 ms."));

// ## Summary
//
// - Offline, a bigger batch shares per-call overhead and keeps the cores busier, up to the machine's ceiling; the price
//   is the time one batch takes. Your table says where the gain stopped.
// - Online, a dynamic batcher trades latency for batch size with two knobs, max batch size and max delay, the same ones
//   Triton and Ray Serve expose.
// - Below capacity a longer max delay buys bigger batches with waiting; batching pays when the model is the bottleneck.
//   The sentences under the trade-off table say what your run showed.
lesson.Section("Summary");

// ## What this changes in your workflow
//
// What to do when you serve a model like this one, from the numbers of your run:
lesson.Section("What this changes in your workflow");

// ---- cell 31 ----
// Each piece of advice follows from this run's numbers (DelaySweepReport.Advice words every branch)
lesson.Show(DelaySweepReport.Advice(batchOrOne, loadShares[0], low, p99BudgetMs));

// ## References
//
// - NVIDIA. *Triton Inference Server: Optimization* (dynamic batcher example: 73.4 inferences/s at p95 65.6 ms without
//   batching, 272 inferences/s at p95 36.0 ms with it).
//   https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/user_guide/optimization.html (read
//   2026-11-29).
// - NVIDIA. *Triton Inference Server: Batchers* (`max_queue_delay_microseconds`, `preferred_batch_size`; the
//   "Recommended Configuration Process": no delay first, then a larger max batch or a delay while the latency stays
//   within budget).
//   https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/user_guide/batcher.html (read
//   2026-11-29; the recipe read 2026-12-07).
// - H. He and Thinking Machines Lab. *Defeating Nondeterminism in LLM Inference*, Connectionism, 2025-09-10 (batch
//   invariance; 1,000 runs of one prompt at temperature 0 on Qwen3-235B-A22B-Instruct-2507: 80 distinct completions,
//   one with batch-invariant kernels). https://thinkingmachines.ai/blog/defeating-nondeterminism-in-llm-inference/
//   (read 2026-12-07).
// - Ray. *Ray Serve: Dynamic Request Batching* (`@serve.batch`, `max_batch_size` default 10, `batch_wait_timeout_s`
//   default 0.01). https://docs.ray.io/en/latest/serve/advanced-guides/dyn-req-batch.html (read 2026-11-29).
// - PyTorch. *TorchServe: Batch Inference* (`batch_size` default 1, `max_batch_delay` default 100 ms).
//   https://pytorch.org/serve/batch_inference_with_ts.html (read 2026-11-29).
lesson.Section("References");

lesson.Finish();
