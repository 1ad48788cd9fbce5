// Lesson generated from notebooks/03-batch-size-and-generalisation.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/03-batch-size-and-generalisation.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/03-batch-size-and-generalisation.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/03-batch-size-and-generalisation.html.
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

var lesson = LessonConsole.Start("03-batch-size-and-generalisation", "03 · Batch size and generalisation (optional deep dive)", args, ["seed", "fixedEpochs", "warmUpShare", "myAnswer", "quiz1", "quiz2", "quiz3"]);

// # 03 · Batch size and generalisation (optional deep dive)
//
// **Optional deep dive:** skip it on the way to your first workflow; nothing later in the course depends on it.
//
// **The question:** does a larger batch make the inbox classifier worse on new mail, and how do I fix it? How well a
// model does on examples it was not trained on
// is its **generalisation**; the inbox classifier of notebook 00 is trained in mini-batches, so its batch size may
// change it. This notebook measures that on a small set of real
// handwritten digits (8 × 8 pixel images, ten classes) rather than on mail, so that each training run takes seconds and
// the results can be set beside the published ones;
// the same checks apply to the inbox classifier.
//
// Notebook 02 measured speed and memory. This one asks what the batch size does to the **model you end up with**: how
// low its **loss** (one number for how wrong it is) gets,
// how well it does on the **test set** (data held back from training), and how many **updates** (training steps, one
// per mini-batch) it needs.
// The literature makes claims, some robust and some fragile. We test them with several **seeds** (the number that fixes
// a run's random parts, its first weights and the order of the data:
// each setting is trained once per seed) and **confidence intervals** (a range around a mean over the seeds that shows
// how far it could move if the runs were repeated),
// and let the numbers of this run speak, including where an effect does not show.
//
// **You will learn to**
// 1. tell a large-batch penalty that comes from *fewer updates* (fixed **epochs**, passes over the training set) from
//    one that survives *equal updates* (Hoffer et al. 2017);
// 2. scale the **learning rate** (the size of each training step) with the batch (linear rule of Goyal et al. 2017,
//    square-root rule) and see where it breaks;
// 3. measure the **gradient noise scale** (a **gradient** says, for each weight, how the loss changes when that weight
//    changes a little;
//    the noise scale is roughly the batch size above which a mini-batch's gradient stops being mostly noise) during
//    training and read steps-to-target
//    (updates until a target accuracy) against batch size (McCandlish et al. 2018, Shallue et al. 2019);
// 4. compare the **train/test gap** (training accuracy minus test accuracy) and the **sharpness** (how fast the loss
//    rises when the weights are nudged) of small- and large-batch solutions
//    over several seeds, with error bars (Keskar et al. 2017).
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
// notebooks/03-batch-size-and-generalisation.ipynb --param fixedEpochs=30`.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026);         // drives the split; the runs use seed + 1, seed + 2, ...
int fixedEpochs = lesson.Parameter<int>("fixedEpochs", 10);    // section 1's epoch budget (Try it yourself, 1)
double warmUpShare = lesson.Parameter<double>("warmUpShare", 0.1); // section 2's warm-up, as a share of each run's updates; 0 means none (Try it yourself, 2)
string myAnswer = lesson.Parameter<string>("myAnswer", null);  // "higher" or "lower": batch 512's test loss against batch 8's
                         // after a fixed budget of epochs (Try it yourself, 3)
double? quiz1 = lesson.Parameter<double?>("quiz1", null);    // Check your understanding: a number of updates
string quiz2 = lesson.Parameter<string>("quiz2", null);     // "a", "b" or "c"
string quiz3 = lesson.Parameter<string>("quiz3", null);     // "a", "b" or "c"

// ---- cell 5 ----
// a small model: a second thread would mostly wait, and on a shared machine wait for a free core at every step
torch.set_num_threads(1);
var digits = Digits.Load();
var split = digits.Split(testFraction: 0.2, seed: seed);
var (train, test) = split;
nn.Module<Tensor, Tensor> NewModel() => nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10));
var lossFunction = nn.CrossEntropyLoss();
long[] seeds = [seed + 1, seed + 2, seed + 3];
lesson.Show(split.ToString());

// ## 1. Fixed epochs or fixed updates?
//
// The model is a small **MLP** (multilayer perceptron: two linear layers with a ReLU, max(0, x), between them; 64 pixel
// inputs, 128 hidden units, 10 digit scores),
// trained with plain **SGD** (stochastic gradient descent: each update moves every weight a step against the gradient
// of one mini-batch's loss).
//
// Train four batch sizes at the same learning rate (0.1), twice: once for **`fixedEpochs` epochs** (10 unless you
// change it; each sample seen that many times: a large batch makes far fewer updates), and once for the **same number
// of updates**
// as batch 8 makes in those epochs (a large batch then sees many more epochs). Hoffer et al. found most of the
// large-batch gap is the first kind: too few updates.
// Every setting runs with three seeds (`seeds`, above), on one libtorch thread, so each loss below is a mean over the
// seeds with its 95 % interval.
lesson.Section("1. Fixed epochs or fixed updates?");

// **Predict before you measure** (Try it yourself, 3): after the same number of **epochs**, will batch 512 end with a
// **higher** or **lower** test loss than batch 8?
// Set `myAnswer` in the parameters cell and run the next cell to put it on record; the check follows the comparison.

// ---- cell 8 ----
lesson.Show(Exercise.Prediction(nameof(myAnswer), myAnswer));

// ---- cell 9 ----
var progress = BatchLearning.Notebook.TrainingDisplay.Show(); // one live line: the run in progress
int[] sizes = [8, 32, 128, 512];
var updatesOfSmallest = MiniBatches.PerEpoch(train.Count, sizes[0]) * fixedEpochs;
var byEpochs = ExperimentGrid.Run(NewModel, lossFunction, train, test,
    new GridOptions(sizes, [0.1], seeds, TrainingBudget.OfEpochs(fixedEpochs)), progress);
var byUpdates = ExperimentGrid.Run(NewModel, lossFunction, train, test,
    new GridOptions(sizes, [0.1], seeds, TrainingBudget.OfUpdates(updatesOfSmallest)), progress);

// ---- cell 10 ----
var budgets = BudgetRow.Of(byEpochs, byUpdates); // one row per batch size, both budgets
lesson.Show(budgets.ToDataFrame());

// ---- cell 11 ----
var bs = budgets.Select(b => (double)b.BatchSize).ToList();
lesson.Show(Chart.Of("Final test loss against batch size: fixed epochs vs fixed updates (mean and 95% interval over seeds)",
    new Axis("batch size", Logarithmic: true), new Axis("test loss"),
    new ChartSeries(fixedEpochs + " epochs", bs, budgets.Select(b => b.TestLossFixedEpochs).ToList(),
        ErrorY: budgets.Select(b => b.HalfWidthFixedEpochs).ToList()),
    new ChartSeries(updatesOfSmallest + " updates each", bs, budgets.Select(b => b.TestLossEqualUpdates).ToList(),
        ErrorY: budgets.Select(b => b.HalfWidthEqualUpdates).ToList())));

// ---- cell 12 ----
lesson.Show(GeneralisationReport.EpochsAgainstUpdates(budgets, fixedEpochs));

// ---- cell 13 ----
lesson.Show(Exercise.Check(nameof(myAnswer), myAnswer, ["higher", "lower"], correct: GeneralisationReport.PenaltyDirection(budgets),
    GeneralisationReport.ExplainPenalty(budgets, fixedEpochs)));

// ## 2. Scaling the learning rate with the batch
//
// If a larger batch gives a less noisy gradient, it can take bigger steps. The **linear rule** (Goyal et al.): k times
// the batch, k times the learning rate (with a **warm-up** for large rates: the rate starts small and climbs to its
// full value over the first updates).
// The **square-root rule** (Hoffer et al.): k times the batch, √k times the rate. Here the base is learning rate 0.1 at
// batch 16, 10 epochs for every run, with a warm-up over the first `warmUpShare` (10 % unless you change it) of each
// run's updates:
// a large batch makes few updates in 10 epochs, and a warm-up counted in a fixed number of updates could cover its
// whole run. The table shows each run's updates and warm-up.
// A run is **unstable** when its loss becomes NaN (not a number, what an overflowing computation gives) or infinite
// (the trainer stops it as *diverged*) or when a batch's loss climbs above twice the first batch's loss (the steps
// overshoot).
// A run that is merely slow (too few or too small steps) is not unstable: it shows as a low accuracy.
lesson.Section("2. Scaling the learning rate with the batch");

// ---- cell 15 ----
int[] scaledSizes = [16, 64, 256, 1024];
var rules = new[] { ScalingRule.None, ScalingRule.SquareRoot, ScalingRule.Linear };
string RuleName(ScalingRule rule) => ScaledRuns.NameOf(rule); // "no scaling", "square-root rule", "linear rule"
int WarmUpFor(int batchSize) =>
    warmUpShare > 0 ? Math.Max(1, (int)Math.Round(warmUpShare * MiniBatches.PerEpoch(train.Count, batchSize) * 10)) : 0;
bool Unstable(GridRun run) => run.Diverged || run.Run.Updates.Max(u => u.Loss) > 2 * run.Run.Updates[0].Loss;
GridOptions ScaledOptions(ScalingRule rule, int b) => new GridOptions([b], [0.1], seeds, TrainingBudget.OfEpochs(10))
{
    Scaling = new LearningRateScaling(rule, BaseBatchSize: 16),
    Schedule = WarmUpFor(b) > 0 ? LearningRateSchedule.WarmUp(WarmUpFor(b)) : LearningRateSchedule.Constant,
};

// ---- cell 16 ----
progress = BatchLearning.Notebook.TrainingDisplay.Show(); // one live line: the run in progress
GridResults RunScaled(ScalingRule rule) => new GridResults(scaledSizes.SelectMany(b =>
    ExperimentGrid.Run(NewModel, lossFunction, train, test, ScaledOptions(rule, b), progress).Runs).ToList());
var scaling = rules.Select(rule => new ScaledRuns(rule, RunScaled(rule))).ToList();
var scalingTable = scaling.SelectMany(s => s.Results.Cells().Select(c => new
{
    Rule = RuleName(s.Rule), c.BatchSize, LearningRate = c.EffectiveLearningRate,
    Updates = s.Results.Runs.First(r => r.BatchSize == c.BatchSize).Updates, WarmUpUpdates = WarmUpFor(c.BatchSize),
    Unstable = s.Results.Runs.Count(r => r.BatchSize == c.BatchSize && Unstable(r)),
    c.Runs, c.TestAccuracy, c.TestAccuracyHalfWidth,
})).ToList();
lesson.Show(scalingTable.ToDataFrame());

// ---- cell 17 ----
var anyDiverged = scaling.Any(s => s.Results.Runs.Any(r => r.Diverged));
var scalingTitle = "Final test accuracy against batch size under three learning-rate rules (mean over seeds" +
    (anyDiverged ? "; a missing point: its runs diverged)" : ")");
lesson.Show(Chart.Of(scalingTitle,
    new Axis("batch size", Logarithmic: true), new Axis("test accuracy"),
    scaling.Select(s => new ChartSeries(RuleName(s.Rule),
        s.Results.Cells().Select(c => (double)c.BatchSize).ToList(),
        s.Results.Cells().Select(c => c.TestAccuracy).ToList())).ToArray()));

// ### The linear rule with and without warm-up
//
// Goyal et al. (2017) made the linear rule work up to batch 8,192 on ImageNet only with a **gradual warm-up**: the rate
// climbs from a small value to k times the base rate over the first
// five epochs, because the first updates, from random weights, are the ones where a large step overshoots. Every run
// above had a warm-up over the first `warmUpShare` of its updates.
// Here the linear rule's two largest batches run again with the same seeds and no warm-up, and the comparison is seed
// by seed: the run shows whether warm-up helps this model.

// ---- cell 19 ----
progress = BatchLearning.Notebook.TrainingDisplay.Show(); // one live line: the run in progress
int[] largest = scaledSizes[^2..];
var linearWithWarmUp = scaling.Single(s => s.Rule == ScalingRule.Linear).Results;
GridOptions NoWarmUp(int b) => ScaledOptions(ScalingRule.Linear, b) with { Schedule = LearningRateSchedule.Constant };
var linearWithout = new GridResults(largest.SelectMany(b =>
    ExperimentGrid.Run(NewModel, lossFunction, train, test, NoWarmUp(b), progress).Runs).ToList());
var warmUp = largest.Select(b =>
    WarmUpComparison.Of(linearWithWarmUp, linearWithout, b, WarmUpFor(b), Unstable)).ToList();
lesson.Show(warmUp.ToDataFrame());
foreach (var comparison in warmUp) { lesson.Show(comparison.Describe()); }

// Where does a rule break? Sweep the learning rate at each batch size (one seed, 5 epochs) and colour the final
// training loss in a heat map (one coloured cell per batch size and rate); a blank cell would mark a run that diverged
// (the line under the table says whether any did).
// Masters and Luschi (2018) report that the range of stable learning rates narrows as the batch grows; they count the
// rate per sample (the step size on a summed loss), which with our mean loss is lr / B.

// ---- cell 21 ----
progress = BatchLearning.Notebook.TrainingDisplay.Show(); // one live line: the run in progress
var sweep = ExperimentGrid.Run(NewModel, lossFunction, train, test,
    new GridOptions([8, 32, 128, 512], [0.03, 0.1, 0.3, 1, 3, 10, 30], [seed + 1], TrainingBudget.OfEpochs(5)),
    progress);
lesson.Show(sweep.ToHeatMap(TrainingMetric.TrainLoss));

// ---- cell 22 ----
var stable = StableRate.Of(sweep, Unstable); // per batch size: the largest stable rate, the best rate
lesson.Show(stable.ToDataFrame());
lesson.Show(GeneralisationReport.SweepStability(sweep, Unstable));

// ## 3. The gradient noise scale and steps to a target
//
// McCandlish et al. define the **simple noise scale** B_simple = tr(Σ)/|G|²: the per-sample gradient variance (how much
// one example's gradient scatters) over the squared true gradient (the gradient over the whole training set). Batches
// much smaller than it are dominated by noise
// (in McCandlish et al.'s model, doubling them nearly halves the steps needed; the steps-to-target table below shows
// how close your run came); much larger ones waste samples. We log it during one run with the two-batch estimator,
// which compares the gradients of a small and a large batch (every 10 updates, a batch of 512 beside the batch of 32).
lesson.Section("3. The gradient noise scale and steps to a target");

// ---- cell 24 ----
progress = BatchLearning.Notebook.TrainingDisplay.Show(); // one live line: the run in progress
TorchRuntime.Seed(seed + 1);
var noiseOptions = new TrainingOptions(32, TrainingBudget.OfEpochs(15), OptimizerSettings.Sgd(0.1))
{
    Seed = seed + 1,
    NoiseScale = new NoiseScaleOptions(EveryUpdates: 10, BigBatchSize: 512),
    Name = "batch 32, noise logged",
};
var logged = Trainer.Train(NewModel(), lossFunction, train, test, noiseOptions, progress);
var noiseOverTraining = NoiseScaleEstimate.OverTraining(logged.NoiseScaleSamples, window: 10);
lesson.Show(Chart.Of("Simple noise scale B_simple during training (two-batch estimator, 10 samples per point)",
    new Axis("updates"), new Axis("B_simple", Logarithmic: true),
    new ChartSeries("B_simple", noiseOverTraining.Select(n => (double)n.Update).ToList(),
        noiseOverTraining.Select(n => n.SimpleNoiseScale).ToList())));

// ---- cell 25 ----
lesson.Show(GeneralisationReport.NoiseOverTraining(noiseOverTraining));

// Now the steps themselves. For each batch size, the number of updates until the test accuracy first reaches 93%, with
// the best of three learning rates (0.1, 0.3, 1; evaluated every 10 updates, at most 400 updates).
// McCandlish et al. predict S = S_min (1 + B_noise/B), where S_min is the fit's estimate of the fewest updates any
// batch size needs (an asymptote fitted to noisy points: a measured batch size can come in a little under it) and
// B_noise the batch size where the curve bends: a hyperbola, flat for large batches. Shallue et al. describe three
// regimes on a log-log plot: perfect scaling, diminishing returns, no further gain.

// ---- cell 27 ----
progress = BatchLearning.Notebook.TrainingDisplay.Show(); // one live line: the run in progress
const double targetAccuracy = 0.93;
int[] stepSizes = [8, 16, 32, 64, 128, 256, 512];
var stepsGrid = ExperimentGrid.Run(NewModel, lossFunction, train, test,
    new GridOptions(stepSizes, [0.1, 0.3, 1.0], [seed + 1], TrainingBudget.OfUpdates(400))
        { EvaluateEveryUpdates = 10 }, progress);
var steps = stepSizes.Select(b => new
{
    BatchSize = b,
    Steps = stepsGrid.Runs.Where(r => r.BatchSize == b && !r.Diverged)
        .Select(r => StepsToTarget.Find(r.Run, TargetMetric.TestAccuracy, targetAccuracy))
        .Where(s => s is not null).Min(),
}).ToList();
lesson.Show(steps.ToDataFrame());

// ---- cell 28 ----
var reached = steps.Where(s => s.Steps is not null).Select(s => (s.BatchSize, Steps: s.Steps!.Value)).ToList();
var tradeOff = StepsTradeOff.Fit(reached);
var curveX = Enumerable.Range(0, 31).Select(i => Math.Pow(2, 3 + i * 7.0 / 30)).ToList();
lesson.Show(Chart.Of("Updates to " + Math.Round(targetAccuracy * 100) + " % test accuracy against batch size; fit " + tradeOff,
    new Axis("batch size", Logarithmic: true), new Axis("updates to target", Logarithmic: true),
    new ChartSeries("measured (best of 3 learning rates)", reached.Select(r => (double)r.BatchSize).ToList(),
        reached.Select(r => (double)r.Steps).ToList(), SeriesStyle.Markers),
    new ChartSeries("S_min (1 + B_noise / B)", curveX, curveX.Select(tradeOff.Steps).ToList(), SeriesStyle.Lines)));

// ---- cell 29 ----
var noiseEstimate = NoiseScaleEstimate.From(logged.NoiseScaleSamples);
lesson.Show(GeneralisationReport.NoiseAgainstFit(tradeOff, noiseEstimate, reached.Count, steps.Count));

// ## 4. Small vs large batches: train/test gap and sharpness, over 5 seeds
//
// Keskar et al. (2017) report that large batches converge to **sharp** minima (low points of the loss where it rises
// steeply around the weights found) that generalise worse,
// with a gap on MNIST (a standard set of 70,000 handwritten digits) of a fraction of a percentage point.
// A small effect needs several seeds and an interval on the difference to be seen at all. We train batch 16 and batch
// 512 for the same 1,000 updates (so the large batch is not starved of steps), 5 seeds each, and measure
// the train/test accuracy gap and a perturbation sharpness score (the mean rise of the training loss when every weight
// tensor is nudged by 5% of its norm in a random direction, 10 directions).
// Caveat (Dinh et al. 2017): sharpness depends on how the network is parameterised; compare it only between models like
// these.
lesson.Section("4. Small vs large batches: train/test gap and sharpness, over 5 seeds");

// ---- cell 31 ----
progress = BatchLearning.Notebook.TrainingDisplay.Show(); // one live line: the run in progress
long[] fiveSeeds = [seed + 1, seed + 2, seed + 3, seed + 4, seed + 5];
TrainingOptions GapOptions(int b, long runSeed) => new(b, TrainingBudget.OfUpdates(1000), OptimizerSettings.Sgd(0.1))
    { Seed = runSeed, Name = "batch " + b + ", seed " + runSeed };
var gapRuns = new[] { 16, 512 }.SelectMany(b => fiveSeeds.Select(runSeed =>
{
    TorchRuntime.Seed(runSeed);
    var model = NewModel();
    var run = Trainer.Train(model, lossFunction, train, test, GapOptions(b, runSeed), progress);
    var sharp = Sharpness.Measure(model, lossFunction, train, relativeSize: 0.05, directions: 10, seed: runSeed);
    return new { BatchSize = b, Seed = runSeed, run.Final!.TrainAccuracy, run.Final.TestAccuracy,
        Gap = run.Final.TrainAccuracy - run.Final.TestAccuracy, Sharpness = sharp.Rise };
})).ToList();
lesson.Show(gapRuns.ToDataFrame());

// ---- cell 32 ----
var gapSummary = new[] { 16, 512 }.Select(b =>
{
    var runs = gapRuns.Where(r => r.BatchSize == b).ToList();
    return new
    {
        BatchSize = b,
        TestAccuracy = ConfidenceInterval.Of(runs.Select(r => r.TestAccuracy)),
        Gap = ConfidenceInterval.Of(runs.Select(r => r.Gap)),
        Sharpness = ConfidenceInterval.Of(runs.Select(r => r.Sharpness)),
    };
}).ToList();

// ---- cell 33 ----
var gapSizes = gapSummary.Select(g => (double)g.BatchSize).ToList();
lesson.Show(Chart.Of("Train/test accuracy gap: mean and 95% interval over 5 seeds",
    new Axis("batch size", Logarithmic: true), new Axis("accuracy gap (train - test)"),
    new ChartSeries("accuracy gap", gapSizes, gapSummary.Select(g => g.Gap.Mean).ToList(), SeriesStyle.Markers,
        gapSummary.Select(g => g.Gap.HalfWidth).ToList())));
lesson.Show(Chart.Of("Sharpness (training-loss rise under a 5% weight perturbation): mean and 95% interval over 5 seeds",
    new Axis("batch size", Logarithmic: true), new Axis("loss rise"),
    new ChartSeries("sharpness", gapSizes, gapSummary.Select(g => g.Sharpness.Mean).ToList(), SeriesStyle.Markers,
        gapSummary.Select(g => g.Sharpness.HalfWidth).ToList())));

// ---- cell 34 ----
// The right test of a difference is an interval on the difference:
// each seed trained both batch sizes, so take the difference seed by seed.
var gapRun = (int b, long s) => gapRuns.Single(r => r.BatchSize == b && r.Seed == s);
PairedDifference Paired(string quantity, Func<int, long, double> value) =>
    PairedDifference.Of(quantity, fiveSeeds, 16, 512, value);
var gapDifference = Paired("Gap", (b, s) => gapRun(b, s).Gap);
var sharpnessDifference = Paired("Sharpness", (b, s) => gapRun(b, s).Sharpness);
var accuracyDifference = Paired("Test accuracy", (b, s) => gapRun(b, s).TestAccuracy);

// ---- cell 35 ----
lesson.Show(GeneralisationReport.SmallAgainstLarge(16, 512, [gapDifference, sharpnessDifference, accuracyDifference]));

// ## What this run measured
//
// The cell below writes the conclusions from this run's numbers, not from the papers. Where a published effect did not
// show, it says so; on a small data set with a small model,
// a few seeds and a CPU's time budget, a missing effect is weak evidence either way.
lesson.Section("What this run measured");

// ---- cell 37 ----
var summary = new GeneralisationSummary(budgets, fixedEpochs, scaling, stable, tradeOff, reached, noiseOverTraining,
    noiseEstimate, gapDifference, (16, 512), Unstable);
lesson.Show(summary.Conclusions());

// ## Try it yourself
//
// 1. Set `fixedEpochs` to 30 in the parameters cell and run the notebook again. Does the fixed-epoch penalty of the
//    large batch shrink?
// 2. Set `warmUpShare` to 0 (no warm-up). Which linear-rule runs become unstable now?
// 3. The prediction in section 1 (`myAnswer`): if you skipped it, set it now and run the check after the comparison.
//
// Worked solutions:
// [solutions/03-batch-size-and-generalisation-solutions.ipynb](solutions/03-batch-size-and-generalisation-solutions.ipynb).
lesson.Section("Try it yourself");

// ## Check your understanding
//
// Set `quiz1` to `quiz3` in the parameters cell, then run the cell below.
//
// 1. With this notebook's training set, how many updates does one epoch at batch 512 make (the last, smaller batch
//    kept)?
// 2. Under the linear scaling rule, a batch 4 times larger gets a learning rate: **a**) 4 times larger; **b**) 2 times
//    larger; **c**) the same.
// 3. Each of 5 seeds trained batch 16 and batch 512. To decide whether their train/test gaps differ, you check: **a**)
//    whether the two 95 % intervals overlap; **b**) whether a 95 % interval on the seed-by-seed difference excludes 0;
//    **c**) which mean is larger.
lesson.Section("Check your understanding");

// ---- cell 40 ----
lesson.Show(Exercise.Check(nameof(quiz1), quiz1, measured: MiniBatches.PerEpoch(train.Count, 512), relativeTolerance: 0.01,
    BatchSizeRunsReport.ExplainUpdatesPerEpoch(train.Count, 512)));
lesson.Show(Exercise.Check(nameof(quiz2), quiz2, ["a", "b", "c"], "a",
    "Goyal et al.'s linear rule multiplies the learning rate by the same factor as the batch (with a warm-up); " +
    "the square-root rule would give 2x."));
lesson.Show(Exercise.Check(nameof(quiz3), quiz3, ["a", "b", "c"], "b",
    "two intervals can overlap while the difference is clearly not 0 " +
    "(and pairing by seed removes the seed-to-seed scatter); a larger mean alone can be noise. " +
    "An interval on the difference that includes 0 means this run cannot tell them apart, not that they are equal."));

// ## Summary
//
// - At a fixed number of epochs a large batch makes fewer updates; compare batch sizes at equal updates too, and count
//   what those updates cost in samples.
// - Scaling the learning rate with the batch (linear or square root, with a warm-up scaled to the run) is a rule of
//   thumb to test, not a law: the conclusions above say which rule did best on your run and where runs became unstable.
// - The gradient noise scale says where bigger batches stop paying in steps; generalisation differences between small
//   and large batches are small: judge them with an interval on the difference over seeds.
lesson.Section("Summary");

// ## What this changes in your workflow
//
// What to do when you change the batch size you train a model with, such as the inbox classifier, from the numbers of
// this run:
lesson.Section("What this changes in your workflow");

// ---- cell 43 ----
lesson.Show(summary.Advice());

// ## References
//
// - Dinh, L., Pascanu, R., Bengio, S. and Bengio, Y. (2017). *Sharp Minima Can Generalize For Deep Nets*. ICML 2017.
//   https://arxiv.org/abs/1703.04933
// - Goyal, P. et al. (2017). *Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour*.
//   https://arxiv.org/abs/1706.02677
// - Hoffer, E., Hubara, I. and Soudry, D. (2017). *Train longer, generalize better: closing the generalization gap in
//   large batch training of neural networks*. NeurIPS 2017. https://arxiv.org/abs/1705.08741
// - Keskar, N. S. et al. (2017). *On Large-Batch Training for Deep Learning: Generalization Gap and Sharp Minima*. ICLR
//   2017. https://arxiv.org/abs/1609.04836
// - Masters, D. and Luschi, C. (2018). *Revisiting Small Batch Training for Deep Neural Networks*.
//   https://arxiv.org/abs/1804.07612
// - McCandlish, S., Kaplan, J., Amodei, D. and the OpenAI Dota Team (2018). *An Empirical Model of Large-Batch
//   Training*. https://arxiv.org/abs/1812.06162
// - Shallue, C. J. et al. (2019). *Measuring the Effects of Data Parallelism on Neural Network Training*. JMLR 20(112).
//   https://jmlr.org/papers/v20/18-789.html
// - Alpaydin, E. and Kaynak, C. (1998). *Optical Recognition of Handwritten Digits* [data set]. UCI Machine Learning
//   Repository. https://doi.org/10.24432/C50P49
lesson.Section("References");

lesson.Finish();
