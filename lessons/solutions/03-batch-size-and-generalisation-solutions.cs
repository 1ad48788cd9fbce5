// Lesson generated from notebooks/solutions/03-batch-size-and-generalisation-solutions.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/solutions/03-batch-size-and-generalisation-solutions.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/solutions/03-batch-size-and-generalisation-solutions.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/03-batch-size-and-generalisation-solutions.html.
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

var lesson = LessonConsole.Start("03-batch-size-and-generalisation-solutions", "03 · Batch size and generalisation — worked solutions", args, ["seed"]);

// # 03 · Batch size and generalisation — worked solutions
//
// Worked solutions to the *Try it yourself* and *Check your understanding* sections of [03 · Batch size and
// generalisation](../03-batch-size-and-generalisation.ipynb).
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
// As in the course notebook, the seed drives the split and the runs use seed + 1 and seed + 2: losses and accuracies
// repeat exactly from run to run.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026); // the split; the runs use seed + 1 and seed + 2

// To keep this notebook within a minute, each exercise trains only the settings it is about: section 1 only batch 8 and
// batch 512 (not 32 and 128), section 2 only the linear rule; and every setting uses 2 seeds instead of 3.
// Everything else (model, data, learning rates, epochs) is as in the course notebook.

// ---- cell 5 ----
var (train, test) = Digits.Load().Split(testFraction: 0.2, seed: seed);
nn.Module<Tensor, Tensor> NewModel() => nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10));
var lossFunction = nn.CrossEntropyLoss();
long[] seeds = [seed + 1, seed + 2]; // the course notebook uses three
lesson.Show($"{train.Count} training and {test.Count} test digits; {seeds.Length} seeds per setting.");

// ## Try it yourself, 1: 30 epochs instead of 10
//
// **The change.** Set `fixedEpochs` to 30 and run the notebook again: `dotnet run --project src/BatchLearning.Cli --
// run notebooks/03-batch-size-and-generalisation.ipynb --param fixedEpochs=30`.
//
// **The result on this machine.** Batch 8 and batch 512 at learning rate 0.1, trained for 10 and for 30 epochs (mean
// over 2 seeds). The penalty is batch 512's test loss minus batch 8's.
lesson.Section("Try it yourself, 1: 30 epochs instead of 10");

// ---- cell 7 ----
int[] epochBudgets = [10, 30];
var byBudget = epochBudgets.Select(epochs => ExperimentGrid.Run(NewModel, lossFunction, train, test,
    new GridOptions([8, 512], [0.1], seeds, TrainingBudget.OfEpochs(epochs))).Cells()).ToList();
var penalties = epochBudgets.Zip(byBudget, (epochs, cells) => new
{
    Epochs = epochs, TestLossBatch8 = cells[0].TestLoss, TestLossBatch512 = cells[1].TestLoss,
    Penalty = cells[1].TestLoss - cells[0].TestLoss,
    UpdatesBatch8 = MiniBatches.PerEpoch(train.Count, 8) * epochs,
    UpdatesBatch512 = MiniBatches.PerEpoch(train.Count, 512) * epochs,
}).ToList();
lesson.Show(penalties.ToDataFrame());

// ---- cell 8 ----
var (ten, thirty) = (penalties[0], penalties[1]);
lesson.Show($"Batch 512's test loss minus batch 8's: {ten.Penalty:+0.000;-0.000} after 10 epochs, " +
$"{thirty.Penalty:+0.000;-0.000} after 30. " +
(thirty.Penalty < ten.Penalty / 2 ? "The fixed-epoch penalty shrank by more than half with three times the epochs."
    : thirty.Penalty < ten.Penalty ? "The fixed-epoch penalty shrank, by less than half."
    : "The fixed-epoch penalty did not shrink on this run."));

// **Why.** At a fixed number of epochs, batch 512 makes about 60 times fewer updates than batch 8 (the Updates columns
// above). Much of its penalty is that it has not finished training:
// its test loss is typically still falling fast, while batch 8's falls more slowly (or starts to rise as it over-fits):
// compare the two rows above. Tripling the epochs gives batch 512 three times the updates where they help most,
// so the penalty should shrink, without necessarily closing (the sentence above says by how much it shrank on this
// run), as Hoffer et al. (2017) found: much of the "large-batch generalisation gap" is a too-small number of updates.
// The equal-updates comparison in the course notebook isolates the same effect.

// ## Try it yourself, 2: no warm-up
//
// **The change.** Set `warmUpShare` to 0 and run again: `dotnet run --project src/BatchLearning.Cli -- run
// notebooks/03-batch-size-and-generalisation.ipynb --param warmUpShare=0`.
//
// **The result on this machine.** The linear rule (learning rate 0.1 × B / 16) at batch 16, 64, 256 and 1,024, 10
// epochs, 2 seeds, with a warm-up over the first 10 % of each run's updates (the course notebook's default) and with
// none.
// A run is unstable, as in the course notebook, when it diverged or when a batch's loss climbed above twice the first
// batch's loss.
lesson.Section("Try it yourself, 2: no warm-up");

// ---- cell 11 ----
bool Unstable(GridRun run) => run.Diverged || run.Run.Updates.Max(u => u.Loss) > 2 * run.Run.Updates[0].Loss;
int[] scaledSizes = [16, 64, 256, 1024];
int WarmUpFor(int b, double share) =>
    share > 0 ? Math.Max(1, (int)Math.Round(share * MiniBatches.PerEpoch(train.Count, b) * 10)) : 0;
GridResults Linear(double share) => new(scaledSizes.SelectMany(b =>
    ExperimentGrid.Run(NewModel, lossFunction, train, test,
        new GridOptions([b], [0.1], seeds, TrainingBudget.OfEpochs(10))
        {
            Scaling = new LearningRateScaling(ScalingRule.Linear, BaseBatchSize: 16),
            Schedule = WarmUpFor(b, share) > 0
                ? LearningRateSchedule.WarmUp(WarmUpFor(b, share)) : LearningRateSchedule.Constant,
        }).Runs).ToList());
var (withWarmUp, without) = (Linear(0.1), Linear(0));

// ---- cell 12 ----
int UnstableCount(GridResults results, int b) => results.Runs.Count(r => r.BatchSize == b && Unstable(r));
var warmUpTable = scaledSizes.Select(b => new
{
    BatchSize = b, LearningRate = 0.1 * b / 16, Seeds = seeds.Length, WarmUpUpdates = WarmUpFor(b, 0.1),
    UnstableWithWarmUp = UnstableCount(withWarmUp, b), UnstableWithout = UnstableCount(without, b),
}).ToList();
lesson.Show(warmUpTable.ToDataFrame());

// ---- cell 13 ----
var newlyUnstable = warmUpTable.Where(t => t.UnstableWithout > t.UnstableWithWarmUp).Select(t => t.BatchSize).ToList();
lesson.Show($"Unstable runs with a warm-up over 10 % of the updates: " +
$"{warmUpTable.Sum(t => t.UnstableWithWarmUp)} of {withWarmUp.Runs.Count}; " +
$"without: {warmUpTable.Sum(t => t.UnstableWithout)} of {without.Runs.Count}. " +
(newlyUnstable.Count > 0 ? $"Without warm-up more runs were unstable at batch {string.Join(", ", newlyUnstable)}."
    : "No batch size had more unstable runs without warm-up on this run."));

// **Why.** The linear rule gives batch 1,024 a learning rate of 6.4 and batch 256 one of 1.6. At the start the weights
// are random and the loss surface is steep,
// so a full-size first step overshoots: the loss jumps, and at the highest rates it blows up. A warm-up ramps the rate
// from near 0 to its target over the first updates,
// giving the network time to reach a flatter region where the large step is safe (Goyal et al. 2017). The largest
// batches, with the largest rates and the fewest updates to recover, are the first to break; a warm-up helps them only
// if it lasts enough updates (batch 1,024 gets only a few here), so compare the unstable runs above with and without
// it;
// batch 16 keeps its base rate of 0.1 and does not need a warm-up.

// ## Try it yourself, 3: batch 512 against batch 8 after a fixed number of epochs
//
// **The change.** Set `myAnswer` to `"higher"` or `"lower"`, run the prediction cell, then the check after the
// comparison: `dotnet run --project src/BatchLearning.Cli -- run notebooks/03-batch-size-and-generalisation.ipynb
// --param myAnswer=higher`.
//
// **The result on this machine.** From the 10-epoch runs of exercise 1 (the course notebook's default `fixedEpochs`).
lesson.Section("Try it yourself, 3: batch 512 against batch 8 after a fixed number of epochs");

// ---- cell 16 ----
var verdict = ten.Penalty > 0 ? "higher" : "lower";
lesson.Show($"After 10 epochs batch 512's mean test loss was {ten.TestLossBatch512:0.000}, " +
$"batch 8's {ten.TestLossBatch8:0.000}: " +
$"{verdict} ({ten.UpdatesBatch512} updates against {ten.UpdatesBatch8}). " +
$"The answer the check accepts on this run: \"{verdict}\".");

// **Why.** An epoch buys a large batch far fewer steps. Each of batch 512's steps is more accurate than batch 8's, but
// not 60 times more useful:
// with the same learning rate, progress per step is similar, so the batch with about 60 times more steps (the Updates
// column above) ends lower. This is a budget effect, not (yet) a property of the minimum found.

// ## Check your understanding: the answers
//
// 1. ⌈training examples / 512⌉ updates per epoch, the last batch smaller; for this notebook's split the cell below
//    counts them.
// 2. **a**: 4 times larger. Goyal et al.'s linear rule multiplies the learning rate by the same factor as the batch
//    (with a warm-up); the square-root rule would give 2 times.
// 3. **b**: whether a 95 % interval on the seed-by-seed difference excludes 0. Overlapping intervals do not prove the
//    means are equal; the right test is an interval on the difference, and a missing effect in a few seeds is weak
//    evidence either way.
lesson.Section("Check your understanding: the answers");

// ---- cell 19 ----
var perEpoch512 = MiniBatches.PerEpoch(train.Count, 512);
lesson.Show($"Quiz 1: {train.Count:N0} training digits in batches of 512 make {perEpoch512} updates per epoch.");

// ## References
//
// - Goyal, P. et al. (2017). *Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour*.
//   https://arxiv.org/abs/1706.02677
// - Hoffer, E., Hubara, I. and Soudry, D. (2017). *Train longer, generalize better: closing the generalization gap in
//   large batch training of neural networks*. NeurIPS 2017. https://arxiv.org/abs/1705.08741
// - Alpaydin, E. and Kaynak, C. (1998). *Optical Recognition of Handwritten Digits* [data set]. UCI Machine Learning
//   Repository. https://doi.org/10.24432/C50P49
lesson.Section("References");

lesson.Finish();
