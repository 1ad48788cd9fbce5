// Lesson generated from notebooks/solutions/01-what-is-batching-solutions.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/solutions/01-what-is-batching-solutions.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/solutions/01-what-is-batching-solutions.cs -- --param seed=Course.DefaultSeed
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/01-what-is-batching-solutions.html.
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

var lesson = LessonConsole.Start("01-what-is-batching-solutions", "01 · What batching is — worked solutions", args, ["seed"]);

// # 01 · What batching is — worked solutions
//
// Worked solutions to the *Try it yourself* and *Check your understanding* sections of [01 · What batching
// is](../01-what-is-batching.ipynb).
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
// The seed fixes the model's weights and the random inputs. Timings vary from run to run, most of all on a busy
// machine, so the sentences below compare only large differences.
// Like the course notebook, this one runs libtorch on one thread unless an exercise says otherwise.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
long seed = lesson.Parameter<long>("seed", Course.DefaultSeed); // the starting weights and the random inputs

// To keep this notebook fast, the measurements are smaller than the course notebook's: 1,024 inputs instead of 4,096,
// and six batch sizes from 1 to 1,024 instead of thirteen.
// The shape of the curves is the same; the exact best batch size can differ.

// ---- cell 5 ----
torch.set_num_threads(1); // as the course notebook does by default
var device = TorchRuntime.Device;
TorchRuntime.Seed(seed);
var inputs = rand(1024, Mlp.Reference.Inputs, device: device);
int[] batchSizes = [1, 4, 16, 64, 256, 1024];
IReadOnlyList<InferenceProfile> ProfileOf(Mlp mlp) =>
    BatchPredictor.Profile(mlp.Create(device), inputs, batchSizes, repetitions: 3, flopsPerItem: mlp.FlopsPerItem);
lesson.Show($"{inputs.shape[0]} inputs; batch sizes {string.Join(", ", batchSizes)}.");

// ## Try it yourself, 1: a bigger hidden layer
//
// **The change.** Set `hiddenUnits` to 2,048 and run the notebook again: `dotnet run --project src/BatchLearning.Cli --
// run notebooks/01-what-is-batching.ipynb --param hiddenUnits=2048`.
//
// **The result on this machine.** The same profile for the default 256 hidden units and for 2,048, side by side.
// "Enough" is the smallest batch size whose throughput reaches 80 % of the best.
lesson.Section("Try it yourself, 1: a bigger hidden layer");

// ---- cell 7 ----
var hiddenSizes = new[] { 256, 2048 };
var profiles = hiddenSizes.Select(h =>
{
    TorchRuntime.Seed(seed);
    return ProfileOf(Mlp.Reference.WithHiddenLayer(h));
}).ToList();
var byHidden = hiddenSizes.Zip(profiles, (h, p) => new
{
    HiddenUnits = h, BestBatch = p.MaxBy(x => x.ItemsPerSecond)!.BatchSize,
    EnoughBatch = p.First(x => x.ItemsPerSecond >= 0.8 * p.Max(y => y.ItemsPerSecond)).BatchSize,
    GainOverBatch1 = p.Max(x => x.ItemsPerSecond) / p[0].ItemsPerSecond,
    BestGigaflops = p.Max(x => x.GigaflopsPerSecond),
}).ToList();
lesson.Show(byHidden.ToDataFrame());

// ---- cell 8 ----
var (narrow, wide) = (byHidden[0], byHidden[1]);
var moved = narrow.EnoughBatch != wide.EnoughBatch;
lesson.Show($"256 hidden units: best batch {narrow.BestBatch}, 80 % of the best from batch {narrow.EnoughBatch}, " +
$"{narrow.GainOverBatch1:0.0}x batch 1. 2,048 hidden units: best batch {wide.BestBatch}, 80 % from batch " +
$"{wide.EnoughBatch}, {wide.GainOverBatch1:0.0}x batch 1. " +
(moved ? $"The batch size where returns diminish moved from {narrow.EnoughBatch} to {wide.EnoughBatch}. "
    : "The batch size where returns diminish did not move on this run. ") +
(wide.GainOverBatch1 < narrow.GainOverBatch1 / 1.2 ? "Batching gained less over batch 1 with the wider layer."
    : wide.GainOverBatch1 > narrow.GainOverBatch1 * 1.2 ? "Batching gained more over batch 1 with the wider layer."
    : "The gain over batch 1 was within 20 % either way: too close to call on one run."));

// **Why.** With 2,048 hidden units every item costs 8 times the arithmetic (2 × 794 × 2,048 ≈ 3.3 million FLOPs instead
// of 0.4 million), and the weights are 6.5 MB instead of 0.8 MB.
// Two things follow. The per-call overhead is a smaller share of each call, so batch 1 is already less wasteful; and at
// batch 1 the layer reads all its weights for every single item, so it is memory-bound, which batching fixes by reusing
// each weight read for many items.
// How the best batch size moves depends on which effect dominates on your processor: a bigger layer can saturate the
// cores at a smaller batch (the products are already big), or, since its batch-1 point sits further below the roofline,
// need a larger one: the sentence above says which happened here.
// Read the "enough" column rather than the exact best: the top of the curve is flat, so the best batch size jumps
// between neighbours from run to run.

// ## Try it yourself, 2: libtorch's default number of threads
//
// **The change.** Set `torchThreads` to 0 (libtorch's default: one thread per core) and run again: `dotnet run
// --project src/BatchLearning.Cli -- run notebooks/01-what-is-batching.ipynb --param torchThreads=0`.
//
// **The result on this machine.** The ceiling (one 1,024 × 1,024 matrix product) and the gain of the best batch over
// batch 1 (256 hidden units), first with libtorch's default number of threads, then with one (the course notebook's
// setting).
lesson.Section("Try it yourself, 2: libtorch's default number of threads");

// ---- cell 11 ----
ThreadRun Measured(int threads)
{
    torch.set_num_threads(threads);
    TorchRuntime.Seed(seed);
    var p = ProfileOf(Mlp.Reference);
    var best = p.Max(x => x.ItemsPerSecond);
    var ceiling = MatrixProductBenchmark.Measure(1024, repetitions: 3).GigaflopsPerSecond;
    return new ThreadRun(threads, ceiling, p[0].ItemsPerSecond, best, best / p[0].ItemsPerSecond);
}
var defaultThreads = TorchRuntime.Initialize().Threads; // libtorch's default when it loaded: one per core
var threadRuns = new[] { Measured(defaultThreads), Measured(1) }; // ends on one thread, as the rest of this notebook
lesson.Show(threadRuns.ToDataFrame());

// ---- cell 12 ----
var (many, single) = (threadRuns[0], threadRuns[1]);
var ceilingRatio = single.CeilingGflops / many.CeilingGflops;
lesson.Show($"Ceiling: {many.CeilingGflops:0} GFLOP/s with {many.Threads} threads, {single.CeilingGflops:0} with 1 " +
$"({ceilingRatio:P0}). Gain of the best batch over batch 1: {many.Gain:0.0}x with {many.Threads} threads, " +
$"{single.Gain:0.0}x with 1. " + (many.Threads == 1 ? "libtorch already used one thread here, so nothing changed. "
    : ceilingRatio < 0.75 ? "One thread lowered the ceiling: a big product no longer runs on every core. "
    : "The ceiling barely moved: on a busy machine the other cores were not free to help anyway. ") +
(single.Gain < many.Gain / 1.2 ? "Batching gained less with one thread."
    : single.Gain > many.Gain * 1.2 ? "Batching gained more with one thread on this run."
    : "The two gains were within 20 %: too close to call on one run."));

// **Why.** One thread can use one core, so the ceiling, which a big matrix product reaches by running on every core,
// falls to about 1/threads of its multi-threaded value on a quiet machine.
// Batch 1 barely depends on the thread count: a product of one row by a small matrix is too small to split across
// threads, and its time is mostly per-call overhead.
// So with one thread the best batch should gain less over batch 1 (the sentence above says whether it did, beyond 20
// %): batching still removes the per-call overhead and reuses weights from cache, but it can no longer spread the work
// over more cores.
// On a GPU the same reasoning applies with thousands of cores, which is why its gain from batching is much larger.
// On a shared machine, other processes may already occupy the other cores, which shrinks the difference between the two
// rows, and a single slow timing of batch 1 can swing the gain by a factor of several.
// That is also why the course notebook runs on one thread: when another program holds a core, a call split over every
// core waits for the busy one, and batches of 2 to 8 can take longer than batch 1.

// ## Try it yourself, 3: memory-bound or compute-bound?
//
// **The change.** Set `myAnswer` to `"memory-bound"` or `"compute-bound"`, run the prediction cell, then the check:
// `dotnet run --project src/BatchLearning.Cli -- run notebooks/01-what-is-batching.ipynb --param
// myAnswer=memory-bound`.
//
// **The result on this machine.** The roofline of this machine (ceiling from above, bandwidth measured by copying a 128
// MiB tensor; the course notebook reads one, sampled between the layer's timings) and the 4,096 × 4,096 layer at batch
// 1.
lesson.Section("Try it yourself, 3: memory-bound or compute-bound?");

// ---- cell 15 ----
var bandwidth = MemoryBandwidthBenchmark.Measure(megabytes: 128, repetitions: 3).GigabytesPerSecond;
var roofline = new Roofline(single.CeilingGflops, bandwidth); // one thread, as the layer runs below
var intensity = Roofline.DenseLayerIntensity(4096, 4096, 1);
TorchRuntime.Seed(seed);
var bigLayer = nn.Linear(4096, 4096).to(device);
var atOne = BatchPredictor.Profile(bigLayer, rand(16, 4096, device: device), [1], repetitions: 3,
    flopsPerItem: 2.0 * 4096 * 4096).Single();
var bound = intensity < roofline.RidgePoint ? "memory-bound" : "compute-bound";
var ridge = roofline.RidgePoint;
lesson.Show($"{roofline}. At batch 1 the layer does {intensity:0.00} FLOP/byte against a ridge point of " +
$"{ridge:0.0} FLOP/byte: {bound}. It achieved {atOne.GigaflopsPerSecond:0.0} GFLOP/s, " +
$"{atOne.GigaflopsPerSecond / single.CeilingGflops:P0} of the ceiling; the roofline allows " +
$"{roofline.Attainable(intensity):0.0}.");

// **Why.** At batch 1 the layer reads each 4-byte weight once to do 2 FLOPs with it (a multiply and an add): about 0.5
// FLOP per byte.
// A processor's ridge point (peak FLOP/s over bandwidth) is higher (the line above measures this machine's on one
// thread; more cores and a GPU raise it further), so the layer waits for memory: **memory-bound**.
// Each extra item in the batch reuses the weights already read, so intensity grows almost linearly with the batch until
// it crosses the ridge point.

// ## Check your understanding: the answers
//
// 1. **b**: the arithmetic per item stays the same. Every item still needs the same multiplications; batching changes
//    how many calls and memory reads share them.
// 2. **About 0.5 FLOP per byte.** 2 × 1,000,000 FLOPs over 4 × (1,000,000 + 1,000 + 1,000) bytes of weights, input and
//    output ≈ 0.499: far left of any CPU's or GPU's ridge point.
// 3. **b**: latency. Once the processor is saturated, a batch's time grows with its size, so each request waits longer
//    for the same throughput; the answers do not change.
lesson.Section("Check your understanding: the answers");

// ## References
//
// - Williams, S., Waterman, A. and Patterson, D. (2009). *Roofline: an insightful visual performance model for
//   multicore architectures*. Communications of the ACM 52(4), 65–76. https://doi.org/10.1145/1498765.1498785
lesson.Section("References");

lesson.Finish();

// The types the notebook's cells declare (C# puts them after the top-level statements).
record ThreadRun(int Threads, double CeilingGflops, double Batch1PerSecond, double BestPerSecond, double Gain);
