// Lesson generated from notebooks/solutions/07-batching-text-generation-solutions.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/solutions/07-batching-text-generation-solutions.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/solutions/07-batching-text-generation-solutions.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/07-batching-text-generation-solutions.html.
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

var lesson = LessonConsole.Start("07-batching-text-generation-solutions", "07 · Batching text generation — worked solutions", args, ["seed"]);

// # 07 · Batching text generation — worked solutions
//
// Worked solutions to the *Try it yourself* and *Check your understanding* sections of [07 · Batching text
// generation](../07-batching-text-generation.ipynb).
// For each exercise: the change to make, the result **this machine** gave (computed by the code cells below when you
// run this notebook), and why.
// To stay well within a minute, exercises 2 and 3 run in the simulator, driven by this machine's measured step cost,
// exactly as the course notebook's sweeps do.
//
// New to a term? See the [glossary](../GLOSSARY.md).

// ---- cell 1 ----
// The same first cell in every notebook: pinned packages, then one setup call that says what your numbers come from.
// On a GPU machine: replace TorchSharp-cpu by TorchSharp-cuda-linux (same version), then restart the kernel.

lesson.Show(Course.Setup());

// ## Parameters
//
// As in the course notebook: the seed drives the training text, the weights, the prompts, the arrivals and the answer
// lengths.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026); // the training text, the weights, the prompts, the arrivals and the answer lengths

// ## Try it yourself, 1: 50 training steps instead of 200
//
// **The change.** `dotnet run --project src/BatchLearning.Cli -- run notebooks/07-batching-text-generation.ipynb
// --param trainingSteps=50`.
//
// **The result on this machine.** Two models, trained for 50 and for 200 steps; the loss each reached, and the cost of
// a decode pass each was timed at (the fitted s0 + s1 × sequences).
lesson.Section("Try it yourself, 1: 50 training steps instead of 200");

// ---- cell 5 ----
var subjects = CharacterModel.Subjects(3000, seed);
var models = new[] { 50, 200 }
    .Select(steps => CharacterModel.Train(subjects, new CharacterModelOptions(TrainingSteps: steps), seed)).ToList();
var prompts = models[1].SamplePrompts(200, seed);
var calibrations = models.Select(m => GenerationBenchmark.Calibrate(m, prompts, repeats: 9)).ToList();
var bySteps = models.Zip(calibrations, (m, c) => new
{
    TrainingSteps = m.Options.TrainingSteps, FinalLoss = m.Training.LastLoss,
    DecodeFixedMs = c.Fit.FixedSeconds * 1000, DecodePerSequenceMs = c.Fit.PerSequenceSeconds * 1000,
    Example = m.Complete("Re", 40),
}).ToList();
lesson.Show(bySteps.ToDataFrame());

// ---- cell 6 ----
var (few, many) = (bySteps[0], bySteps[1]);
var (passFew, passMany) =
    (few.DecodeFixedMs + 16 * few.DecodePerSequenceMs, many.DecodeFixedMs + 16 * many.DecodePerSequenceMs);
var ratio = passFew / passMany;
lesson.Show($"A decode pass of 16 sequences was timed at {passFew:0.00} ms after 50 steps " +
$"and {passMany:0.00} ms after 200 ({ratio:0.00}x); " +
$"the training loss was {few.FinalLoss:0.00} against {many.FinalLoss:0.00}. " +
(Math.Abs(ratio - 1) < 0.3
    ? "The pass cost is the same within timing noise: " +
      "serving metrics depend on the model's size, not on what it learned."
    : "The two timings differ by more than 30 % on this run: " +
      "that is timing noise on a busy machine, since both models do exactly the same arithmetic."));

// **Why.** A forward pass multiplies the same matrices whatever values the weights hold, so its time depends on the
// model's shape (hidden size, vocabulary), the batch and the prompt lengths,
// not on training. Fewer steps change *what* is generated (the examples get worse), not how long each token takes.
// Every request in the course notebook runs to its own drawn length (lengths differ from request to request, which is
// what static batching pads), so even the answer lengths do not change.

// ## Try it yourself, 2: 4 and 64 slots
//
// **The change.** `--param slots=4`, then `--param slots=64`.
//
// **The result on this machine.** The same kind of trace as the course notebook (arrivals at 1.2 × what static batching
// of that many slots can serve), replayed in the simulator with the 200-step model's measured cost:
// static batching's padding waste and continuous batching's throughput over static's, for 4, 16 and 64 slots.
lesson.Section("Try it yourself, 2: 4 and 64 slots");

// ---- cell 9 ----
var cost = calibrations[1].Fit;
var bySlots = new[] { 4, 16, 64 }.Select(slots =>
{
    var capacity = GenerationBenchmark.Capacity(cost, GenerationPolicy.Static(slots), seed).RequestsPerSecond;
    var requests = GenerationWorkload.Create(prompts, 600, 1.2 * capacity, seed);
    var metrics = GenerationBenchmark.Simulate(cost, requests,
        [GenerationPolicy.Static(slots), GenerationPolicy.Continuous(slots, 2048)]);
    return new
    {
        Slots = slots, StaticPaddingWaste = metrics[0].PaddingWaste, ContinuousPaddingWaste = metrics[1].PaddingWaste,
        Gain = metrics[1].TokensPerSecond / metrics[0].TokensPerSecond,
        StaticP99Ms = metrics[0].LatencyP99Ms, ContinuousP99Ms = metrics[1].LatencyP99Ms,
    };
}).ToList();
lesson.Show(bySlots.ToDataFrame());

// ---- cell 10 ----
var (s4, s64) = (bySlots[0], bySlots[^1]);
lesson.Show($"Static batching's padding waste went from {s4.StaticPaddingWaste:P0} with 4 slots " +
$"to {s64.StaticPaddingWaste:P0} with 64 " +
$"({(s64.StaticPaddingWaste > s4.StaticPaddingWaste ? "more" : "not more")} waste with more slots); " +
"continuous batching served " +
$"{s4.Gain:0.0}x static's tokens/s with 4 slots and {s64.Gain:0.0}x with 64, with no padding at any size.");

// **Why.** A static batch lasts as long as its longest answer; with heavy-tailed lengths, the more requests share a
// batch, the more likely one of them is very long, so more slots sit idle as padding while it finishes.
// Continuous batching refills a freed slot at the next pass, so it wastes nothing, and its advantage can grow with the
// number of slots until the cost of a pass grows with the batch faster than the padding it saves. The table above says
// whether it grew on this run; near static batching's capacity the arrival rate itself caps what any policy serves, so
// there the gain says more about the load than about the policy.

// ## Try it yourself, 3: load 0.5 and 2
//
// **The change.** `--param loadFactor=0.5`, then `--param loadFactor=1.2` (the notebook's default is 2).
//
// **The result on this machine.** 16 slots; p99 latency of static and continuous batching at 0.5, 1.2 and 2 times
// static batching's capacity (simulated with the measured cost).
lesson.Section("Try it yourself, 3: load 0.5 and 2");

// ---- cell 13 ----
var staticCapacity = GenerationBenchmark.Capacity(cost, GenerationPolicy.Static(16), seed).RequestsPerSecond;
var byLoad = new[] { 0.5, 1.2, 2.0 }.Select(load =>
{
    var requests = GenerationWorkload.Create(prompts, 600, load * staticCapacity, seed);
    var metrics = GenerationBenchmark.Simulate(cost, requests,
        [GenerationPolicy.Static(16), GenerationPolicy.Continuous(16, 2048)]);
    return new
    {
        LoadFactor = load, StaticP50Ms = metrics[0].LatencyP50Ms,
        StaticP99Ms = metrics[0].LatencyP99Ms, ContinuousP99Ms = metrics[1].LatencyP99Ms,
    };
}).ToList();
lesson.Show(byLoad.ToDataFrame());

// ---- cell 14 ----
var (low, medium, high) = (byLoad[0], byLoad[1], byLoad[2]);
lesson.Show($"Static batching's median latency was {low.StaticP50Ms:N0} ms at load 0.5 and {medium.StaticP50Ms:N0} ms at 1.2 " +
(low.StaticP50Ms > medium.StaticP50Ms ? "(worse at the lower load); " : "(not worse at the lower load on this run); ") +
$"at load 2 static's p99 was {high.StaticP99Ms:N0} ms against continuous batching's {high.ContinuousP99Ms:N0} ms.");

// **Why.** A static batch starts only when it is full. At low load requests trickle in, so the first ones can wait a
// long time for the batch to fill; whether that made the median latency worse than at a medium load depends on how fast
// a batch fills against how long its longest answer runs, and the sentence above says what your run measured.
// At high load batches fill at once, but past static batching's capacity (load above 1) its queue grows for as long as
// the trace lasts, and the tail explodes; continuous batching serves more, so its queue grows later.
// A real server therefore caps the wait (the dynamic policy's max delay) or, better, batches continuously.

// ## Try it yourself, 4: the prediction
//
// **The change.** `--param myPrediction=continuous` (or `static`, or `same`), then read the check after the
// measurement.
//
// **Why.** Under static batching every request waits for its batch to fill and then for the batch's longest answer;
// under continuous batching a request starts at the next pass and returns at its own last token.
// On a trace with heavy-tailed answer lengths, loaded past static batching's capacity, continuous batching's p99 is
// usually much lower. The course notebook's check compares the two measured p99s of your run.
lesson.Section("Try it yourself, 4: the prediction");

// ## Check your understanding: the answers
//
// 1. **b**: after 90 passes, with the whole batch. A static batch returns its requests when its longest one is done;
//    the short ones wait as padding.
// 2. **0.556**: the batch computes 3 × 90 = 270 token rows, of which 10 + 20 + 90 = 120 are wanted; 150 / 270 ≈ 0.556
//    is padding.
// 3. **a**: a GPU's pass costs nearly the same for 1 or 100 sequences (all the weights are read once per pass), so each
//    extra sequence in a pass is almost free throughput;
//    on a CPU with a tiny model the per-sequence part of a pass matters sooner, so a fuller batch gains less (exercise
//    1's timings show this machine's s0 and s1).
lesson.Section("Check your understanding: the answers");

// ---- cell 18 ----
models.ForEach(m => m.Dispose());
lesson.Show("done");

lesson.Finish();
