// Lesson generated from notebooks/00-setup.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/00-setup.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/00-setup.cs -- --param batchedCount=1000
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/00-setup.html.
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

var lesson = LessonConsole.Start("00-setup", "00 · Setup and your machine", args, ["batchedCount", "myPrediction", "quiz1", "quiz2", "quiz3"]);

// # 00 · Setup and your machine
//
// **The question:** is my machine ready for the course, and how fast can it do arithmetic at all? The inbox classifier
// of the first lesson turns every email into numbers
// and multiplies them by its weights, so how fast your machine multiplies caps how many emails a second any model can
// classify on it.
//
// Every number in this course is measured on the machine you run it on. This notebook shows you that machine.
//
// **You will learn to**
// 1. start every notebook with the same setup cell, and read what it reports (device, backend, threads, versions);
// 2. switch the course to a GPU (a graphics processor, built for many multiplications at once) when you have one;
// 3. measure your machine's matrix-product speed, the ceiling every later **throughput** figure (items processed a
//    second) is compared with;
// 4. see your first batch: many small matrix products done in one call instead of one by one.
//
// New to a term? See the [glossary](GLOSSARY.md).

// ---- cell 1 ----
// The same first cell in every notebook: pinned packages, then one setup call that says what your numbers come from.
// On a GPU machine: replace TorchSharp-cpu by TorchSharp-cuda-linux (same version), then restart the kernel.

lesson.Show(Course.Setup());

// ## Parameters
//
// The next cell holds this notebook's knobs and your answers to its exercises. Every answer starts unset (`null`): set
// it when an exercise asks, then run the check.
// The course runner can set them too, without editing: `dotnet run --project src/BatchLearning.Cli -- run
// notebooks/00-setup.ipynb --param batchedCount=10`.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int batchedCount = lesson.Parameter<int>("batchedCount", 1000);     // how many pairs of small matrices the first batch holds (Try it yourself, 1)
string myPrediction = lesson.Parameter<string>("myPrediction", null);  // "larger" or "smaller": batching's speed-up with 512 x 512 matrices (Try it yourself, 2)
string quiz1 = lesson.Parameter<string>("quiz1", null);         // Check your understanding: "a", "b" or "c"
double? quiz2 = lesson.Parameter<double?>("quiz2", null);        // a number, in GFLOP
string quiz3 = lesson.Parameter<string>("quiz3", null);         // "a", "b" or "c"

// ## What the setup cell tells you
//
// The setup cell loads two packages: **TorchSharp**, the .NET bindings of **libtorch** (PyTorch's C++ library, the
// engine that does the arithmetic), and this course's library, BatchLearning.
// Its first line says where the arithmetic runs; the details it folds away name the **backend** (the native library
// that does the arithmetic: libtorch's CPU build, or its CUDA build for a GPU) and:
//
// - **Device** is `cpu` or `cuda`. **CUDA** is NVIDIA's platform for running programs on its GPUs. The library picks
//   CUDA automatically when a **CUDA backend** (libtorch built for NVIDIA GPUs, the package `TorchSharp-cuda-linux`) is
//   referenced *and* a GPU is present, otherwise the CPU.
// - **TorchThreads** is how many **threads** (streams of instructions the processor runs side by side, about one per
//   core) libtorch uses for one operation. On a CPU, this bounds how much one big batched operation can run in
//   parallel.
// - **LibStdCxxStep** says whether the library had to make TorchSharp's native library load on an older Linux (Debian
//   12, Ubuntu 22.04). When it did, the setup cell prints a one-line note, the **GLIBCXX note**:
//   this Linux's C++ runtime (libstdc++) is older than the one libtorch asks for, but the request is only a label, so
//   the library marked it optional and TorchSharp loaded normally.
//   It is information, not an error; the README, *Troubleshooting*, has the details.
// - **Seed** is the number that makes every random part of a notebook (data, starting weights, shuffles) the same on
//   every run.
//
// **Switching to a GPU.** In the first cell, replace `TorchSharp-cpu` by `TorchSharp-cuda-linux` (keep the version),
// restart the **notebook kernel** (the process that runs this notebook's code cells and keeps their variables;
// *Restart* in your editor's notebook toolbar) and run again: `Device` then reads `cuda`.
// The same switch for the command-line runner and the tests is `-p:TorchBackend=cuda`. Nothing else in the notebooks
// changes.
lesson.Section("What the setup cell tells you");

// ## Your machine's ceiling: matrix-product speed
//
// Neural networks (models made of layers of weighted sums, like the inbox classifier) spend most of their time
// multiplying matrices. Multiplying two *n × n* matrices takes 2*n*³
// floating-point operations (**FLOPs**: one multiply or one add of two decimal numbers), so timing it gives FLOP/s, the
// rate your hardware sustains at that size; the course counts it in **GFLOP/s**, billions of FLOPs a second.
// The rate depends on the size: a small product finishes before every core is busy, and a very large one can outgrow
// the processor's **cache** (a few MiB of fast memory beside the cores). The **ceiling** the course compares everything
// with is the fastest of many samples of n = 256, 512, 1,024 and 2,048 products.
//
// A shared machine is noisy: another program can take a core for a moment. So the library never measures the ceiling on
// its own. Each round it takes one sample of every ceiling size, then times a slice of the
// work compared with it, round after round (5 rounds, at least 0.2 s of timed work per size). Each size's figure is its
// median round; the ceiling is the best sample.
// A busy moment then slows the work and the ceiling alike, so it rarely lifts a point above the ceiling; when one lands
// more than 5 % above it, the sentence under the chart says so. Notebooks 01 and 04 and the course's `bench` command
// measure it the same way.
lesson.Section("Your machine's ceiling: matrix-product speed");

// ---- cell 6 ----
int[] sizes = [64, 128, 256, 512, 1024, 2048];
var products = MatrixProductBenchmark.MeasureAgainstCeiling(sizes);
var ceiling = products.Ceiling;
lesson.Show(products.Points.ToDataFrame());

// ---- cell 7 ----
lesson.Show(products.ToChart());

// ---- cell 8 ----
// The profile in words: the ceiling, the fastest size, why bigger was or was not faster
lesson.Show(products.Describe());

// Keep the ceiling in mind: later notebooks compare a model's throughput with it, measured the same way.
//
// ## Your first batch
//
// Below, `batchedCount` (1,000 unless you change it) pairs of small 32 × 32 matrices are multiplied two ways: with one
// call per pair, and with *one* batched call (`bmm`, batched matrix multiply) that takes all the pairs as a single
// **tensor** (an n-dimensional array of numbers; a matrix is a 2-D one) of shape `batchedCount` × 32 × 32 (its size
// along each of its three dimensions).
// The arithmetic is identical; only the number of calls differs. The two ways are timed the way the course times every
// comparison: interleaved,
// round after round (which goes first alternates), beside a fixed **reference task** whose rounds vary when another
// program takes the processor (the finding says
// whether the machine was busy). Each round gives one ratio of the two times; a way is called faster only when the 95 %
// interval of those ratios lies on its side of 1
// and the two differ by at least 5 %; otherwise the finding says the result is too close to call on this run.
lesson.Section("Your first batch");

// ---- cell 10 ----
var comparison = MatrixProductBenchmark.CompareBatched(count: batchedCount, size: 32); // 15 interleaved rounds
lesson.Show(comparison.Finding);

// ---- cell 11 ----
lesson.Show(comparison.DescribeDifference());

// Each call has a fixed cost (checking arguments, choosing a **compute kernel**, the small program the processor runs
// for one operation and not the notebook kernel, starting threads) that does not depend on the size of the work.
// With tiny matrices that fixed cost is a large part of each call, and one batched call pays it once. This is the whole
// idea of batching in one measurement:
// **pay the per-call cost once for many items.** The finding above says how much it saved on your run.
//
// ## Try it yourself
//
// 1. Set `batchedCount` to 10 and then to 10,000 in the parameters cell and run the notebook again. Does the speed-up
//    grow or shrink with more items per batch?
// 2. **Predict before you measure**: with bigger matrices (512 × 512 instead of 32 × 32), will batching's speed-up be
//    **larger** or **smaller**?
//    Set `myPrediction` in the parameters cell, run the next cell to put your prediction on record, then the
//    measurement and the check.
//
// Worked solutions: [solutions/00-setup-solutions.ipynb](solutions/00-setup-solutions.ipynb).
lesson.Section("Try it yourself");

// ---- cell 13 ----
lesson.Show(Exercise.Prediction(nameof(myPrediction), myPrediction));

// ---- cell 14 ----
var big = MatrixProductBenchmark.CompareBatched(count: 20, size: 512, repetitions: 6);
lesson.Show(big.Finding);
lesson.Show(big.SpeedUpFinding(comparison));

// ---- cell 15 ----
lesson.Show(Exercise.CheckUnlessTooClose(nameof(myPrediction), myPrediction, ["larger", "smaller"],
    correct: big.SpeedUpAgainst(comparison), big.CompareSpeedUp(comparison)));

// ## Check your understanding
//
// Set `quiz1` to `quiz3` in the parameters cell, then run the cell below.
//
// 1. One batched call beat one call per product mainly because: **a**) it does less arithmetic; **b**) it pays the
//    fixed per-call cost once for many items; **c**) it computes in lower precision.
// 2. How many GFLOP (billions of floating-point operations) does one 1024 × 1024 matrix product take? (Give a number.)
// 3. To run the course on an NVIDIA GPU you: **a**) rewrite the notebooks; **b**) replace `TorchSharp-cpu` by
//    `TorchSharp-cuda-linux` in the first cell and restart the kernel; **c**) install a different course library.
lesson.Section("Check your understanding");

// ---- cell 17 ----
lesson.Show(Exercise.Check(nameof(quiz1), quiz1, ["a", "b", "c"], "b",
    "both ways do exactly the same multiplications (the results agree to float rounding); " +
    "the batched call pays for argument checks, kernel choice and thread start-up once."));
lesson.Show(Exercise.Check(nameof(quiz2), quiz2, measured: 2.0 * Math.Pow(1024, 3) / 1e9, relativeTolerance: 0.1,
    "each of the n² outputs needs n multiplications and n additions: 2n³ = 2 × 1024³ ≈ 2.15 billion FLOPs " +
    "(2 counts as right; 1.07, n³, forgets that each multiply-add is two FLOPs)."));
lesson.Show(Exercise.Check(nameof(quiz3), quiz3, ["a", "b", "c"], "b",
    "the library picks CUDA when a CUDA backend is referenced and a GPU is present; the notebooks stay the same."));

// ## Summary
//
// - The setup cell reports the device, threads and versions that every number in this course comes from; one line
//   switches to a GPU.
// - Your machine's ceiling is the best matrix-product speed, sampled between the timings of whatever is compared with
//   it; the sentence under the table says which sizes came near it on your run.
// - Batching pays a per-call cost once for many items: the comparison above shows what it saved for 32 × 32 and 512 ×
//   512 products.
lesson.Section("Summary");

// ## What this changes in your workflow
//
// Every later figure of your inbox workflow, a time per email or a cost per day, comes from one machine. What to do
// about it, from the numbers of your run
// (`inbox` below is the first lesson's classifier network: 4,096 word counts in, 128 hidden units, one score for each
// of the 5 categories out):
lesson.Section("What this changes in your workflow");

// ---- cell 20 ----
// The advice, worded from this run's numbers (SetupAdvice.Of words every branch)
var inbox = new Mlp(new TextFeaturizer().Dimensions, 128, Enum.GetValues<EmailCategory>().Length);
lesson.Show(SetupAdvice.Of(products, comparison, inbox.Name, inbox.FlopsPerItem));

// ## References
//
// - Goto, K. and van de Geijn, R. A. (2008). *Anatomy of High-Performance Matrix Multiplication*. ACM Transactions on
//   Mathematical Software 34(3), article 12. https://doi.org/10.1145/1356052.1356053
// - PyTorch. *torch.bmm* (batched matrix multiply; documentation).
//   https://pytorch.org/docs/stable/generated/torch.bmm.html (read 2026-11-29).
// - TorchSharp (.NET bindings of libtorch). https://github.com/dotnet/TorchSharp (read 2026-11-29).
lesson.Section("References");

lesson.Finish();
