// Lesson generated from notebooks/solutions/02-batch-size-in-training-solutions.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/solutions/02-batch-size-in-training-solutions.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/solutions/02-batch-size-in-training-solutions.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/02-batch-size-in-training-solutions.html.
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

var lesson = LessonConsole.Start("02-batch-size-in-training-solutions", "02 · Batch size in training — worked solutions", args, ["seed"]);

// # 02 · Batch size in training — worked solutions
//
// Worked solutions to the *Try it yourself* and *Check your understanding* sections of [02 · Batch size in
// training](../02-batch-size-in-training.ipynb).
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
// The seed fixes the split, the starting weights and every shuffle, so the losses and accuracies repeat from run to
// run; the seconds do not (they depend on how busy the machine is).
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026); // the split, the starting weights and every shuffle

// To keep this notebook within a minute, every run below trains for **4 epochs instead of 12**, at five of the six
// batch sizes (1, 8, 32, 256 and the full batch; 64 is left out).
// With fewer epochs the large batches are further from converged than in the course notebook, so read the comparisons
// between settings, not the absolute accuracies.

// ---- cell 5 ----
var (train, test) = Digits.Load().Split(testFraction: 0.2, seed: seed);
nn.Module<Tensor, Tensor> NewModel() => nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10));
var lossFunction = nn.CrossEntropyLoss();
int[] batchSizes = [1, 8, 32, 256, train.Count];
const int epochs = 4;
GridOptions Grid(double[] rates) => new(batchSizes, rates, [seed], TrainingBudget.OfEpochs(epochs));

// ---- cell 6 ----
var sgd = ExperimentGrid.Run(NewModel, lossFunction, train, test, Grid([0.1, 0.4]));
const double target = 0.90;
double? SecondsToTarget(GridRun r) => r.Run.Epochs.FirstOrDefault(e => e.TestAccuracy >= target)?.ElapsedSeconds;
int? EpochToTarget(GridRun r) => r.Run.Epochs.FirstOrDefault(e => e.TestAccuracy >= target)?.Epoch;
var sgdTable = sgd.Runs.Select(r => new
{
    r.BatchSize, r.LearningRate, r.Diverged, Updates = r.Run.Updates.Count,
    FinalTestAccuracy = r.Run.Final?.TestAccuracy ?? double.NaN, SecondsTo90 = SecondsToTarget(r),
}).ToList();
lesson.Show(sgdTable.ToDataFrame());

// ## Try it yourself, 1: learning rate 0.4
//
// **The change.** Set `learningRate` to 0.4 and run the notebook again: `dotnet run --project src/BatchLearning.Cli --
// run notebooks/02-batch-size-in-training.ipynb --param learningRate=0.4`.
//
// **The result on this machine.** The table above holds both learning rates (plain SGD, {0.1, 0.4}). A batch size
// "gains" below when its final test accuracy rose by more than 1 percentage point.
lesson.Section("Try it yourself, 1: learning rate 0.4");

// ---- cell 8 ----
var atRate = (int b, double lr) => sgdTable.Single(t => t.BatchSize == b && t.LearningRate == lr);
var change = batchSizes.Select(b =>
    (b, Delta: atRate(b, 0.4).FinalTestAccuracy - atRate(b, 0.1).FinalTestAccuracy)).ToList();
string Names(IEnumerable<int> sizes) => sizes.Any() ? string.Join(", ", sizes) : "none";
var one = atRate(1, 0.4);
lesson.Show($"Gained more than 1 point at 0.4: batch {Names(change.Where(c => c.Delta > 0.01).Select(c => c.b))}; " +
$"lost more than 1 point: batch {Names(change.Where(c => c.Delta < -0.01).Select(c => c.b))}. Batch 1 at 0.4: " +
(one.Diverged ? "its loss blew up and the trainer stopped it: it does not train."
    : one.FinalTestAccuracy < 0.5 ? $"it ran but reached only {one.FinalTestAccuracy:P1} test accuracy."
    : $"it still trains: {one.FinalTestAccuracy:P1} test accuracy, {atRate(1, 0.1).FinalTestAccuracy:P1} at 0.1."));

// **Why.** The loss is a mean over the batch, so the learning rate is the size of one step whatever the batch. Large
// batches make few steps per epoch (the full batch makes one),
// and their gradients are accurate, so a step 4 times bigger is mostly 4 times more progress: they gain. Batch 1 makes
// one step per training example, about 1,400 per epoch, each along one example's gradient,
// which points far from the average direction; 4 times bigger steps mostly amplify that noise, so batch 1 gains little
// or gets worse, and at a rate high enough it diverges.
// This is the first half of why the learning rate and the batch size must be chosen together (notebook 03, section 2).

// ## Try it yourself, 2: Adam at learning rate 0.001
//
// **The change.** Set `optimizerName` to `"adam"` and `learningRate` to 0.001 and run again:
// `dotnet run --project src/BatchLearning.Cli -- run notebooks/02-batch-size-in-training.ipynb --param
// optimizerName=adam --param learningRate=0.001`.
//
// **The result on this machine.** Adam at 0.001 against plain SGD at 0.1 from above: which run first reached 90 % test
// accuracy (checked at the end of each epoch), and when.
lesson.Section("Try it yourself, 2: Adam at learning rate 0.001");

// ---- cell 11 ----
var adamGrid = new GridOptions(batchSizes[1..], [0.001], [seed], TrainingBudget.OfEpochs(epochs))
    { Optimizer = OptimizerKind.Adam };
var adam = ExperimentGrid.Run(NewModel, lossFunction, train, test, adamGrid);
var sgdBase = sgd.Runs.Where(r => r.LearningRate == 0.1).ToList();
var timeTable = sgdBase.Skip(1).Zip(adam.Runs, (s, a) => new
{
    s.BatchSize,
    SgdEpochTo90 = EpochToTarget(s), SgdSecondsTo90 = SecondsToTarget(s),
    AdamEpochTo90 = EpochToTarget(a), AdamSecondsTo90 = SecondsToTarget(a),
    AdamFinalTestAccuracy = a.Run.Final?.TestAccuracy ?? double.NaN,
}).ToList();
lesson.Show(timeTable.ToDataFrame());

// Batch 1 makes about 1,400 updates per epoch (each also updating Adam's two running averages per weight); to keep the
// comparison to a few updates' worth of evidence, it trains 200 updates here instead of 4 epochs, then is evaluated
// once:

// ---- cell 13 ----
var adamOne = NewModel();
var adamOneRun = Trainer.Train(adamOne, lossFunction, train, null,
    new TrainingOptions(1, TrainingBudget.OfUpdates(200), OptimizerSettings.Adam(0.001)) { Seed = seed });
var (_, adamOneAccuracy) = Trainer.Evaluate(adamOne, lossFunction, test);
lesson.Show($"Adam at batch 1: {adamOneAccuracy:P1} test accuracy after 200 updates, " +
$"{adamOneRun.TrainingSeconds:0.00} s of training.");

// ---- cell 14 ----
GridRun Fastest(IEnumerable<GridRun> runs) => runs.Where(r => SecondsToTarget(r) is not null).MinBy(SecondsToTarget);
string Describe(GridRun r) => r is null ? "no run" : r.BatchSize == train.Count
    ? $"the full batch ({SecondsToTarget(r):0.00} s, epoch {EpochToTarget(r)})"
    : $"batch {r.BatchSize} ({SecondsToTarget(r):0.00} s, epoch {EpochToTarget(r)})";
var (fastestSgd, fastestAdam) = (Fastest(sgdBase), Fastest(adam.Runs));
var adamBestSeconds = fastestAdam is null ? double.PositiveInfinity : SecondsToTarget(fastestAdam)!.Value;
var oneCouldWin = adamOneAccuracy >= target || adamOneRun.TrainingSeconds < adamBestSeconds;
lesson.Show($"Fastest to {target:P0} with SGD at 0.1: {Describe(fastestSgd)}; with Adam at 0.001: {Describe(fastestAdam)}" +
(oneCouldWin ? " among batch 8 and up (batch 1 under Adam may have been faster: see its line above). "
    : $"; batch 1 under Adam was still below {target:P0} after longer than that. ") +
(fastestSgd?.BatchSize == fastestAdam?.BatchSize ? "The fastest batch size did not move."
    : "The fastest batch size moved.") +
$" Batch sizes that reached {target:P0} within {epochs} epochs (batch 8 and up): " +
$"SGD {sgdBase.Count(r => r.BatchSize > 1 && EpochToTarget(r) > 0)}, " +
$"Adam {adam.Runs.Count(r => EpochToTarget(r) > 0)}, of {batchSizes.Length - 1} each.");

// **Why.** Adam scales each weight's step by a running estimate of its gradient's size, so its steps are about the
// learning rate in every direction, whatever the raw gradient.
// That makes large batches, whose few steps are accurate, progress faster per step than with plain SGD at a fixed rate,
// and it damps batch 1's noisy steps less than you might hope (Adam's own noise estimate is noisy at batch 1).
// The middle ground itself remains: batch 1 still pays for about 1,400 slow steps per epoch, and the full batch still
// makes one step per epoch, so a mini-batch is usually still fastest in seconds, though which one can shift.
// Because the seconds come from a busy machine and the target is checked only at the end of each epoch, read a move
// between neighbouring batch sizes with caution; the epoch columns do not depend on the machine.

// ## Try it yourself, 3: which run reaches 90 % first?
//
// **The change.** Set `myAnswer` to `"batch 1"`, `"mini-batch"` or `"full batch"`, run the prediction cell, then the
// check after the time-to-target table: `dotnet run --project src/BatchLearning.Cli -- run
// notebooks/02-batch-size-in-training.ipynb --param myAnswer=mini-batch`.
//
// **The result on this machine.** From the SGD runs at learning rate 0.1 above (4 epochs here; the course notebook
// trains 12, which does not change which run gets there first unless it is the full batch, which needs far more than 12
// epochs).
lesson.Section("Try it yourself, 3: which run reaches 90 % first?");

// ---- cell 17 ----
var category = fastestSgd is null ? "none of them" : fastestSgd.BatchSize == 1 ? "batch 1"
    : fastestSgd.BatchSize == train.Count ? "full batch" : "mini-batch";
var fullRun = sgdBase.Single(r => r.BatchSize == train.Count);
lesson.Show($"First to {target:P0}: {Describe(fastestSgd)}, so the answer the check accepts on this run is \"{category}\". " +
$"The full batch ended at {fullRun.Run.Final!.TestAccuracy:P1} after {fullRun.Run.Updates.Count} updates.");

// **Why.** Progress is made per update, and speed is measured per sample. Batch 1 makes the most updates per epoch, but
// each costs a full call for one example, so an epoch is slow.
// The full batch processes samples fastest but makes one update per epoch, so it needs hundreds of epochs. A mini-batch
// makes enough updates per epoch, each with a well-used processor: it reaches the target first.

// ## Check your understanding: the answers
//
// 1. One update per batch, the last batch smaller: ⌈training examples / 32⌉ updates. For this notebook's split (the
//    cell below counts it):
//
// 2. **b**: the piece of 64. Only one piece's activations exist at a time; the weights, gradients and optimiser state
//    are those of the whole model, so the fixed part does not shrink.
// 3. **b**: about two times smaller. The variance falls as 1/B, so the standard deviation falls as 1/√B: four times the
//    batch, half the noise.
lesson.Section("Check your understanding: the answers");

// ---- cell 20 ----
var perEpoch = MiniBatches.PerEpoch(train.Count, 32);
lesson.Show($"Quiz 1: {train.Count:N0} training digits in batches of 32 make {perEpoch} updates per epoch, " +
$"the last batch holding {train.Count - 32 * (perEpoch - 1)} examples.");

// ## References
//
// - Kingma, D. P. and Ba, J. (2015). *Adam: A Method for Stochastic Optimization*. ICLR 2015.
//   https://arxiv.org/abs/1412.6980
// - Bottou, L., Curtis, F. E. and Nocedal, J. (2018). *Optimization Methods for Large-Scale Machine Learning*. SIAM
//   Review 60(2), 223–311. https://arxiv.org/abs/1606.04838
// - Alpaydin, E. and Kaynak, C. (1998). *Optical Recognition of Handwritten Digits* [data set]. UCI Machine Learning
//   Repository. https://doi.org/10.24432/C50P49
lesson.Section("References");

lesson.Finish();
