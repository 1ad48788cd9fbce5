// Lesson generated from notebooks/01-what-is-batching.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/01-what-is-batching.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/01-what-is-batching.cs -- --param hiddenUnits=256
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/01-what-is-batching.html.
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

var lesson = LessonConsole.Start("01-what-is-batching", "01 · What batching is", args, ["hiddenUnits", "torchThreads", "myAnswer", "quiz1", "quiz2", "quiz3"]);

// # 01 · What batching is
//
// **The question:** why is one batched call cheaper per email than many single calls? An inbox classifier scores every
// email with the same arithmetic;
// this notebook measures, on your machine, what changes when 4,096 inputs go through a model in one call instead of
// 4,096 calls.
//
// A model that classifies one input does a fixed amount of arithmetic. Give it 1,000 inputs and you can call it 1,000
// times, or once with all 1,000 stacked
// into one **tensor** (an array of numbers with any number of dimensions; here a table with one row per input): a
// **batch**. The answers are the same; the time is not.
//
// **You will learn to**
// 1. run the same model one input at a time and in batches of 2 to 4,096, and read its throughput (items a second) and
//    time per item against batch size;
// 2. compare the model's achieved speed with your machine's measured ceiling (the fastest it does arithmetic);
// 3. explain the gain with the roofline model (the most speed a computation can reach, capped by arithmetic or by
//    memory):
//    per-call overhead, memory-bound and compute-bound work, and where returns diminish.
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
// notebooks/01-what-is-batching.ipynb --param hiddenUnits=2048`.
//
// `torchThreads` is how many threads **libtorch** (the C++ engine under TorchSharp that does the arithmetic) may use
// for one operation. It is 1 here:
// on a machine whose other cores are busy with other programs, a small operation split over several threads waits for
// the slowest of them, and the timings of small batches turn into noise.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int hiddenUnits = lesson.Parameter<int>("hiddenUnits", 256);  // the model's hidden layer (Try it yourself, 1)
int torchThreads = lesson.Parameter<int>("torchThreads", 1);   // libtorch's threads: 1, or 0 for its default, one per core (Try it yourself, 2)
string myAnswer = lesson.Parameter<string>("myAnswer", null); // "memory-bound" or "compute-bound": the big layer at batch 1 (Try it yourself, 3)
string quiz1 = lesson.Parameter<string>("quiz1", null);    // Check your understanding: "a", "b" or "c"
double? quiz2 = lesson.Parameter<double?>("quiz2", null);   // a number, in FLOP per byte
string quiz3 = lesson.Parameter<string>("quiz3", null);    // "a", "b" or "c"

// ## One at a time, or all at once
//
// The model is the course's reference **multilayer perceptron** (MLP): layers of weighted sums, each but the last
// followed by a ReLU (negative values become 0).
// It has 784 inputs (a 28 × 28 image), `hiddenUnits` hidden units (256 unless you change it) and 10 outputs, one score
// per class; the library's `Mlp` builds it
// and counts its cost in **FLOPs**, floating-point operations (one multiply or one add of two decimal numbers).
// An email becomes a fixed-length vector of numbers (counts of its words) before a model sees it, so scoring emails is
// scoring vectors like these.
//
// We score 4,096 random inputs twice: in a loop, one call per input, and in one call with all of them. Two switches put
// the model in inference mode:
// `eval()` makes layers that behave differently in training (such as dropout) behave as in use, and `no_grad()` tells
// libtorch not to record what it would need
// to compute gradients (the slopes training follows), which scoring never needs.
//
// `LoopOrBatch.Compare` times the two ways with the course's `HeadToHead`, the way the course times every comparison:
// interleaved, round after round (which way goes first
// alternates), after an untimed warm-up round, beside a fixed reference task whose rounds vary when another program
// takes the processor. Each round gives one ratio of the two
// times; a way is called faster only when the 95 % interval of those ratios lies on its side of 1 and the two differ by
// at least 5 %; otherwise the result is too close to call on this run.
lesson.Section("One at a time, or all at once");

// ---- cell 5 ----
torch.set_num_threads(torchThreads > 0 ? torchThreads : TorchRuntime.Initialize().Threads);
var mlp = Mlp.Reference.WithHiddenLayer(hiddenUnits); // 784 inputs, hiddenUnits hidden units, 10 classes
var model = mlp.Create();
model.eval();
var inputs = rand(4096, mlp.Inputs, device: TorchRuntime.Device);

Tensor OneAtATime()
{
    using var noGradients = no_grad();
    var outputs = Enumerable.Range(0, 4096).Select(i => model.forward(inputs[i].unsqueeze(0))); // batches of one
    return cat(outputs.ToList(), 0);
}

Tensor AllAtOnce() { using var noGradients = no_grad(); return model.forward(inputs); } // one batch of 4,096
lesson.Show(mlp.Summary);

// ---- cell 6 ----
var loopOrBatch = LoopOrBatch.Compare(OneAtATime, AllAtOnce, inputs: 4096); // 9 rounds, interleaved
lesson.Show(loopOrBatch);
// The same outputs? The largest difference, and the classes (highest score) that differ between the two ways
var outputsCompared = BatchInvariance.Compare(OneAtATime(), AllAtOnce());
lesson.Show(outputsCompared);

// ## Throughput against batch size
//
// Between the two extremes lies every batch size. Two numbers describe each: **throughput**, the items a second the
// model gets through,
// and **latency**, the time one call takes, which every item in the batch waits for.
// `BatchPredictor.ProfileAgainstCeiling` times one call of the model at each size,
// on the first rows of the same inputs, interleaved with samples of your machine's **ceiling** (the best speed it
// reaches on large matrix products; the method of notebook 00,
// with more rounds: 9 rounds, at least 0.45 s of calls per size, the median round, the best ceiling sample), and
// reports items per second and the time one batch takes.
// A call of batch 1 or 2 takes a few hundredths of a millisecond, so many calls and many rounds keep a busy moment of
// the machine from deciding which of them looks faster.
//
// Speed at arithmetic is counted in **GFLOP/s**, billions of FLOPs a second.
// One item costs 2 × (784 × h + h × 10) FLOPs for h hidden units (`mlp.FlopsPerItem`: 406,528 for h = 256), so
// throughput also converts to GFLOP/s and to a share of the ceiling.
lesson.Section("Throughput against batch size");

// ---- cell 8 ----
int[] batchSizes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
var measured = BatchPredictor.ProfileAgainstCeiling(model, inputs, batchSizes, mlp.FlopsPerItem,
    rounds: 9, secondsPerPoint: 0.45);
var profile = measured.Points;
var ceiling = measured.Ceiling.PeakGigaflopsPerSecond;
var table = profile.Select(p => new
{
    p.BatchSize, p.ItemsPerSecond, MicrosecondsPerItem = 1e6 / p.ItemsPerSecond,
    p.BatchMilliseconds, p.GigaflopsPerSecond, p.ShareOfCeiling,
}).ToList();
lesson.Show(table.ToDataFrame());

// ---- cell 9 ----
lesson.Show(Chart.Of("Throughput and time per item against batch size",
    new Axis("batch size", Logarithmic: true), new Axis("items/s  |  µs per item", Logarithmic: true),
    ChartSeries.From(table, t => t.BatchSize, t => t.ItemsPerSecond, "items per second"),
    ChartSeries.From(table, t => t.BatchSize, t => t.MicrosecondsPerItem, "µs per item")));

// ## Against the machine's ceiling
//
// How close does the model get to what the processor can do? The ceiling was sampled between the model's timings above:
// the best of those samples of square matrix products (n = 256, 512, 1,024 and 2,048).
lesson.Section("Against the machine's ceiling");

// ---- cell 11 ----
lesson.Show(Chart.Of("Achieved speed of the model against the matrix-product ceiling",
    new Axis("batch size", Logarithmic: true), new Axis("GFLOP/s"),
    ChartSeries.From(profile, p => p.BatchSize, p => p.GigaflopsPerSecond, "model, achieved"),
    ChartSeries.From(profile, p => p.BatchSize, _ => ceiling,
        measured.Ceiling.SeriesName, SeriesStyle.Lines)));

// ---- cell 12 ----
// The model against the ceiling, worded from this run's numbers (ThroughputCurveReport.DescribeAgainstCeiling)
lesson.Show(ThroughputCurveReport.DescribeAgainstCeiling(profile, ceiling, torch.get_num_threads()));

// ## Why: the roofline
//
// Two things cap a computation's speed: how fast the processor does arithmetic (**peak FLOP/s**) and how fast memory
// feeds it (**bandwidth**, bytes a second).
// The **roofline** model (Williams, Waterman and Patterson, 2009) puts them in one line: attainable FLOP/s = min(peak,
// bandwidth × **arithmetic intensity**), where intensity is FLOPs per byte moved.
//
// **Predict before you measure** (Try it yourself, 3): a dense layer of 4,096 × 4,096 weights, at batch 1, reads each
// 4-byte weight from memory to do 2 FLOPs with it.
// Is it **memory-bound** (its speed capped by bandwidth) or **compute-bound** (capped by the processor's peak)? Set
// `myAnswer` in the parameters cell and run the next cell to put it on record.
lesson.Section("Why: the roofline");

// ---- cell 14 ----
lesson.Show(Exercise.Prediction(nameof(myAnswer), myAnswer));

// A dense layer with d_in × d_out weights does 2·B·d_in·d_out FLOPs on a batch of B and moves about 4·(d_in·d_out +
// B·(d_in + d_out)) bytes in float32: at batch 1 it reads every weight to do 2 FLOPs with it,
// so it is **memory-bound**; each extra item in the batch reuses the weights already read, so intensity grows almost
// linearly with B until the compute peak takes over.
//
// To see the memory-bound regime on a CPU the weights must not fit in the processor's **cache** (a few MiB of fast
// memory beside the cores): we use one 4,096 × 4,096 layer (64 MiB of weights).
// At batch 1 the layer mostly *reads* (its weights), so the roof's bandwidth is a read bandwidth: the best rate of
// summing a 128 MiB tensor. Both roofs, peak and bandwidth,
// are sampled between the layer's timings (the same interleaved method), so they describe the same moments of the
// machine as the points under them.

// ---- cell 16 ----
int[] layerBatches = [1, 2, 4, 8, 16, 32, 64, 128, 256];
var bigLayer = nn.Linear(4096, 4096).to(TorchRuntime.Device); // 64 MiB of weights
bigLayer.eval();
var layerInputs = rand(layerBatches.Max(), 4096, device: TorchRuntime.Device);
TimedWork LayerAt(int b, Tensor batch) => new("batch " + b, 2.0 * 4096 * 4096 * b,
    () => { using var noGradients = no_grad(); bigLayer.forward(batch); });
var layerWork = layerBatches.Select(b => LayerAt(b, layerInputs.narrow(0, 0, b))).ToList();
var layerRun = CeilingBenchmark.Compare(layerWork, bandwidth: true);
var roofline = layerRun.Ceiling.ToRoofline();
lesson.Show(RooflineReport.DescribeCeilings(roofline, ceiling));

// ---- cell 17 ----
var layerPoints = RooflineReport.Place(layerBatches, layerRun.Points, roofline, inputs: 4096, outputs: 4096);
lesson.Show(layerPoints.ToDataFrame());

// ---- cell 18 ----
var line = Enumerable.Range(0, 41).Select(i => Math.Pow(10, -1 + i * 0.1)).ToList(); // 0.1 to 1,000 FLOP/byte
lesson.Show(Chart.Of("Roofline: a 4096 x 4096 layer at batch sizes 1 to " + layerBatches.Max(),
    new Axis("arithmetic intensity (FLOP/byte)", Logarithmic: true), new Axis("GFLOP/s", Logarithmic: true),
    ChartSeries.From(line, i => i, roofline.Attainable, "roofline: min(peak, bandwidth x intensity)",
        SeriesStyle.Lines),
    ChartSeries.From(layerPoints, p => p.FlopsPerByte, p => p.AchievedGigaflopsPerSecond,
        "layer, achieved (one point per batch size)")));

// ---- cell 19 ----
// Each point against its roof, worded from this run's numbers (RooflineReport.DescribePoints)
lesson.Show(RooflineReport.DescribePoints(layerPoints, roofline));

// Left of the **ridge point** (where the two roofs meet: peak over bandwidth) the roof is the bandwidth line: the
// weights are read once per batch, so the attainable speed grows in proportion to the batch.
// Right of it the roof is flat, and how close the layer gets depends on how well the matrix-product library uses the
// processor at that shape: products with few rows use it poorly,
// so points can keep climbing past the ridge point before they level off. The line above says where yours did.
//
// ## Where the returns diminish
//
// Back to the model. The **GainFromDoubling** column is each batch size's throughput over the previous one's (2.0 would
// be perfect, 1.0 no gain); **ShareOfBest** compares it with the best batch size.
// libtorch picks different code paths for different matrix shapes, so neighbouring small sizes can swap places; the
// sentence under the table says what your run showed at the large sizes.
lesson.Section("Where the returns diminish");

// ---- cell 21 ----
lesson.Show(ThroughputCurveReport.Doublings(profile).ToDataFrame());
lesson.Show(ThroughputCurveReport.DescribeDoublings(profile));

// This is the course brief's "GPUs can process many examples in parallel" made visible. More bandwidth alone would
// *lower* the ridge point (peak over bandwidth);
// a GPU's (graphics processor's) ridge point is higher than a CPU's because its arithmetic grew even faster than its
// bandwidth. The cell below compares yours with the published figures of NVIDIA's A100, a data-centre GPU.
// Notebook 04 uses the same measurements to decide batch sizes for serving.
//
// ## Try it yourself
//
// 1. Set `hiddenUnits` to 2,048 in the parameters cell and run the notebook again. Does the best batch size move?
// 2. Set `torchThreads` to 0 (libtorch's default: one thread per core) and run again: how do the ceiling and the gain
//    from batching change? On a busy machine, do batches of 2 to 8 still beat batch 1?
// 3. The prediction above (`myAnswer`): if you skipped it, set it now and run the check below.
//
// Worked solutions: [solutions/01-what-is-batching-solutions.ipynb](solutions/01-what-is-batching-solutions.ipynb).
lesson.Section("Try it yourself");

// ---- cell 23 ----
// NVIDIA A100 40 GB (data sheet): 19.5 TFLOP/s float32, 312 TFLOP/s float16 on tensor cores, 1,555 GB/s bandwidth.
// 2 FLOPs per weight per item: intensity about B / 2 FLOP/byte with 4-byte weights, about B with 2-byte ones.
lesson.Show(RooflineReport.CompareWithA100(roofline));

// ---- cell 24 ----
var atOne = layerPoints[0];
lesson.Show(Exercise.Check(nameof(myAnswer), myAnswer, ["memory-bound", "compute-bound"],
    atOne.FlopsPerByte < roofline.RidgePoint ? "memory-bound" : "compute-bound",
    RooflineReport.ExplainBatchOne(atOne, roofline)));

// ## Check your understanding
//
// Set `quiz1` to `quiz3` in the parameters cell, then run the cell below.
//
// 1. From batch 1 to the best batch size, the arithmetic done **per item**: **a**) shrinks; **b**) stays the same;
//    **c**) grows.
// 2. A dense layer of 1,000 × 1,000 float32 weights at batch 1: about how many FLOPs does it do per byte it moves?
//    (Give a number.)
// 3. Past the batch size where throughput stops growing, a larger batch mostly adds: **a**) throughput; **b**) latency;
//    **c**) accuracy.
lesson.Section("Check your understanding");

// ---- cell 26 ----
lesson.Show(Exercise.Check(nameof(quiz1), quiz1, ["a", "b", "c"], "b",
    "every item still needs the same multiplications; batching changes how many calls and memory reads share them, " +
    "not the arithmetic."));
lesson.Show(Exercise.Check(nameof(quiz2), quiz2, measured: Roofline.DenseLayerIntensity(1000, 1000, 1),
    relativeTolerance: 0.1,
    "2 × 1,000,000 FLOPs over 4 × (1,000,000 + 2,000) bytes of weights, input and output: about 0.5 FLOP per byte, " +
    "far left of any CPU's or GPU's ridge point."));
lesson.Show(Exercise.Check(nameof(quiz3), quiz3, ["a", "b", "c"], "b",
    "a batch's time grows with its size once the processor is saturated, so each request waits longer " +
    "for the same throughput; the answers do not change."));

// ## Summary
//
// - A batch is many inputs in one call: the same answers (up to float rounding), computed with fewer, larger
//   operations.
// - Per-call overhead and weight reads are shared by the whole batch; the roofline says how far that can help: up to
//   the compute ceiling. The lines above say how far the model and the layer got on your run.
// - Past the top of the curve a bigger batch adds latency, not throughput: choose the smallest batch near the top.
lesson.Section("Summary");

// ## What this changes in your workflow
//
// What to do with a model like this one, from the numbers of your run:
lesson.Section("What this changes in your workflow");

// ---- cell 29 ----
// Each piece of advice follows from this run's numbers (ThroughputCurveReport.Advice words every branch)
lesson.Show(ThroughputCurveReport.Advice(profile, outputsCompared));

// ## References
//
// - Williams, S., Waterman, A. and Patterson, D. (2009). *Roofline: An Insightful Visual Performance Model for
//   Multicore Architectures*. Communications of the ACM 52(4), 65–76. https://doi.org/10.1145/1498765.1498785
// - NVIDIA. *NVIDIA A100 Tensor Core GPU* (data sheet: 19.5 TFLOP/s FP32, 312 TFLOP/s FP16 tensor, 1,555 GB/s for the
//   40 GB model).
//   https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf
//   (read 2026-11-29).
// - McCalpin, J. D. (1995). *Memory Bandwidth and Machine Balance in Current High Performance Computers*. IEEE TCCA
//   Newsletter. https://www.cs.virginia.edu/stream/ref.html
lesson.Section("References");

lesson.Finish();
