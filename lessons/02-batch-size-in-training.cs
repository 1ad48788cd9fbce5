// Lesson generated from notebooks/02-batch-size-in-training.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/02-batch-size-in-training.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/02-batch-size-in-training.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/02-batch-size-in-training.html.
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

var lesson = LessonConsole.Start("02-batch-size-in-training", "02 · Batch size in training", args, ["seed", "learningRate", "optimizerName", "myAnswer", "quiz1", "quiz2", "quiz3"]);

// # 02 · Batch size in training
//
// **The question:** what batch size should I train the inbox classifier with, and what does it change: speed, memory,
// the noise of each step?
// The first lesson trained it in mini-batches of 64 emails without saying why; this notebook measures what that number
// decides, on a small model and real data.
//
// Training updates a model from its mistakes: take some examples, measure the average error (the **loss**), work out
// which way each weight should move (the **gradient**: for each weight, how much the loss changes when it changes a
// little), and take one step.
// The **batch size** is how many examples that one step averages over. One example per step (stochastic), the whole
// data set per step (full batch), or something in between (**mini-batch**).
// This notebook trains the same model on real data with six batch sizes and measures what changes.
//
// **You will learn to**
// 1. say what "one update per batch, averaged error" means in code;
// 2. measure speed (samples/s, time per **epoch**, one pass over the whole training set, and updates per epoch) and
//    progress (loss per epoch and per second) against batch size;
// 3. predict training memory from the batch size with M(B) = fixed + B × per-sample, and find the largest batch that
//    fits a budget;
// 4. see the variance of a mini-batch gradient (its noise, squared) fall as 1/B.
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
// notebooks/02-batch-size-in-training.ipynb --param learningRate=0.4`.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026);              // drives the split, the starting weights and every shuffle
double learningRate = lesson.Parameter<double>("learningRate", 0.1);    // for the six training runs (Try it yourself, 1)
string optimizerName = lesson.Parameter<string>("optimizerName", "sgd"); // "sgd" or "adam" for the six runs; try "adam" at learningRate 0.001 (Try it yourself, 2)
string myAnswer = lesson.Parameter<string>("myAnswer", null);       // "batch 1", "mini-batch" or "full batch" (Try it yourself, 3):
                              // which run reaches 90 % test accuracy in the fewest seconds of training
double? quiz1 = lesson.Parameter<double?>("quiz1", null);         // Check your understanding: a number of updates
string quiz2 = lesson.Parameter<string>("quiz2", null);          // "a", "b" or "c"
string quiz3 = lesson.Parameter<string>("quiz3", null);          // "a", "b" or "c"

// ## The data: handwritten digits
//
// 1,797 real handwritten digits (8 × 8 pixels, classes 0 to 9) from the UCI "Optical Recognition of Handwritten Digits"
// data set (Alpaydin and Kaynak, 1998; CC BY 4.0).
// We keep a fifth aside as a **test set**, examples the model never trains on, to measure how it does on new ones; the
// split is seeded (its random choices come from a fixed number, the seed), so it is the same on every run.
// The model is small, so **libtorch** (the C++ engine under TorchSharp that does the arithmetic) runs on **one thread**
// (one stream of instructions, so one core) here: a second thread would mostly wait for the first, and on a machine
// shared with other programs it would wait for a free core at every step, making speed depend on the neighbours rather
// than the batch size.
lesson.Section("The data: handwritten digits");

// ---- cell 5 ----
torch.set_num_threads(1); // see above; the kernel keeps this setting until it restarts
var digits = Digits.Load();
var split = digits.Split(testFraction: 0.2, seed: seed);
var (train, test) = split;
lesson.Show(split.ToString());

// ## One update, in code
//
// The model is a small **MLP** (multilayer perceptron: layers of weighted sums with a ReLU, which turns negative values
// into 0, between them): 64 pixel values in, 128 hidden units, one score per digit out.
// Its loss is the cross-entropy, the usual loss for picking one class out of several. The optimiser, the rule that
// moves the weights, is **SGD** (stochastic gradient descent):
// each weight moves against its gradient by the **learning rate** (here 0.1) times that gradient. `zero_grad()` clears
// the previous step's gradients (libtorch adds new ones to them otherwise),
// `backward()` computes the gradients, `step()` moves the weights.
//
// This is all a training step is. The trainer used below does exactly this for every batch (plus bookkeeping): the loss
// is the **mean** over the batch's examples, so one `backward()` gives the averaged gradient, and one `step()` moves
// every weight once.
lesson.Section("One update, in code");

// ---- cell 7 ----
nn.Module<Tensor, Tensor> NewModel()
{
    TorchRuntime.Seed(seed); // the same starting weights for every run below
    return nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10));
}

var model = NewModel();
var lossFunction = nn.CrossEntropyLoss();               // mean over the batch by default
var optimizer = optim.SGD(model.parameters(), 0.1);
var batch = MiniBatches.Epoch(train, batchSize: 32, seed: seed, epoch: 1).First();

// ---- cell 8 ----
var lossBefore = lossFunction.forward(model.forward(batch.Features), batch.Labels);
optimizer.zero_grad();
lossBefore.backward();    // gradient of the average error of these 32 examples
optimizer.step();         // one update
var lossAfter = lossFunction.forward(model.forward(batch.Features), batch.Labels);
lesson.Show(BatchSizeRunsReport.OneUpdate(batch.Size, lossBefore.item<float>(), lossAfter.item<float>()));

// ## Six batch sizes, the same budget of epochs
//
// Each run starts from the same weights and sees every training example exactly once per epoch, in a new random order
// each epoch (seeded).
// The same optimiser (plain SGD at learning rate 0.1, unless you change `optimizerName` or `learningRate`; not tuned
// per batch size) and the same 12 epochs for every batch size, from 1 example per update to the whole training set per
// update.
// The line under the cell updates while the runs train.
lesson.Section("Six batch sizes, the same budget of epochs");

// **Predict before you measure** (Try it yourself, 3): which run will reach 90 % **test accuracy** (the share of test
// examples it classifies right) in the **fewest seconds** of training: batch 1, a mini-batch (8 to 256), or the full
// batch?
// Set `myAnswer` in the parameters cell and run the next cell to put it on record; the check follows the time-to-target
// table.

// ---- cell 11 ----
lesson.Show(Exercise.Prediction(nameof(myAnswer), myAnswer));

// ---- cell 12 ----
int[] batchSizes = [1, 8, 32, 64, 256, train.Count];
var optimizerSettings = OptimizerSettings.Named(optimizerName, learningRate); // "sgd" or "adam"
var progress = BatchLearning.Notebook.TrainingDisplay.Show();
var runs = batchSizes.Select(b => Trainer.Train(NewModel(), lossFunction, train, test,
    new TrainingOptions(b, TrainingBudget.OfEpochs(12), optimizerSettings)
        { Seed = seed, Name = BatchSizeRunsReport.RunName(b, train.Count) },
    progress)).ToList();
lesson.Show(runs.Summarize().ToDataFrame());

// Read the table across: **UpdatesPerEpoch** falls as the batch grows (one per example at batch 1, a single one at full
// batch), and **SamplesPerSecond** shows how well each batch size used the processor (notebook 01 measured why it
// usually rises).
// Progress, though, is made per update, not per sample. The line below reads both from your run.

// ---- cell 14 ----
lesson.Show(BatchSizeRunsReport.UpdatesAndSpeed(runs)); // the smallest batch first, the full batch last

// ---- cell 15 ----
lesson.Show(runs.ToChart(TrainingMetric.TestLoss, TrainingAxis.Epoch));

// ---- cell 16 ----
lesson.Show(runs.ToChart(TrainingMetric.TestLoss, TrainingAxis.Seconds, logarithmicX: true));

// Per epoch and against the clock the runs can rank differently: a small batch makes many updates per epoch but each
// epoch takes long; the full batch is fast per epoch but makes one update.
// The line below compares batch 1 with batch 8 on your run, and the table after it makes each run one number: the
// training time until the test accuracy first reached 90 %.

// ---- cell 18 ----
lesson.Show(BatchSizeRunsReport.SmallestBatches(runs[0], runs[1], learningRate)); // batch 1 against batch 8

// ---- cell 19 ----
const double target = 0.90;
var timeToTarget = TimeToAccuracy.Of(runs, target); // checked at the end of each epoch
lesson.Show(timeToTarget.ToDataFrame());

// ---- cell 20 ----
var firstToTarget = BatchSizeRunsReport.FastestToAccuracy(timeToTarget, target);
lesson.Show(firstToTarget);

// ---- cell 21 ----
lesson.Show(Exercise.CheckUnlessTooClose(nameof(myAnswer), myAnswer, ["batch 1", "mini-batch", "full batch"],
    correct: firstToTarget.Verdict is "none" or "too close to call" ? null : firstToTarget.Verdict,
    BatchSizeRunsReport.ExplainFastest(timeToTarget, target)));

// ## Memory against batch size
//
// Training memory has a part that does not depend on the batch (weights, their gradients, the optimiser's state: for
// SGD with **momentum**, which keeps a running average of past gradients, one more number per weight,
// so 12 bytes per **float32** parameter, a 4-byte decimal number) and a part that grows with it: the **activations**,
// the outputs every layer keeps for the **backward pass** (the computation of the gradients).
// So M(B) ≈ fixed + B × per-sample. We measure it with a wider model (64 → 1,024 → 1,024 → 10) so the batch-dependent
// part is large enough to see,
// as the growth of the process's peak resident memory (the most RAM it held) during two training steps, above what it
// held just before them, for batch sizes up to the whole training set, and fit the line.
// A process's peak memory is a coarse instrument: the allocator keeps freed memory, other threads allocate, and on a
// busy machine two measurements of the same batch can differ by a few MiB; the fit's R² says how well the line held on
// your run.
lesson.Section("Memory against batch size");

// ---- cell 23 ----
nn.Module<Tensor, Tensor> WideModel() =>
    nn.Sequential(nn.Linear(64, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 10));
var memory = TrainingMemory.Measure(WideModel, lossFunction, train, [16, 64, 256, 512, 1024, train.Count]);
var fit = MemoryFit.Fit(memory);
lesson.Show(memory.ToDataFrame());

// ---- cell 24 ----
var sizes = memory.Select(m => (double)m.BatchSize).ToList();
lesson.Show(Chart.Of("Peak training memory against batch size: " + fit,
    new Axis("batch size"), new Axis("peak memory (MiB)"),
    new ChartSeries("measured", sizes, memory.Select(m => m.PeakMegabytes).ToList(), SeriesStyle.Markers),
    new ChartSeries("fit: fixed + B x per-sample", sizes,
        sizes.Select(b => fit.Predict((int)b) / 1048576).ToList(), SeriesStyle.Lines)));

// ---- cell 25 ----
var parameters = WideModel().parameters().Sum(p => p.numel());
// Floats the forward pass keeps per sample for the backward pass: the batch's input, each ReLU's output, the logits.
var storedBytesPerSample = (64 + 1024 + 1024 + 10) * 4.0;
lesson.Show(TrainingMemoryReport.DescribeFit(fit, parameters, storedBytesPerSample));

// On a GPU memory is the hard limit: a batch that does not fit fails with "out of memory". Tools such as PyTorch
// Lightning's `BatchSizeFinder` search for the largest batch that fits by doubling until a trial fails,
// then binary-searching between the last success and the first failure. `BatchSizeFinder` does the same; on a CPU,
// which rarely runs out, it searches against a budget. Here, 25 MiB:

// ---- cell 27 ----
var budget = 25L * 1024 * 1024;
var search = BatchSizeFinder.ForMemoryBudget(WideModel, lossFunction, train, budget);
lesson.Show(TrainingMemoryReport.DescribeSearch(search, fit, memory, budget, train.Count));

// ---- cell 28 ----
var trialNumbers = search.Trials.Select((t, i) => (Number: i + 1.0, Trial: t)).ToList();
var fitting = trialNumbers.Where(t => t.Trial.Fits).ToList();
var overBudget = trialNumbers.Where(t => !t.Trial.Fits).ToList();
lesson.Show(Chart.Of("The finder's trials: doubling, then binary search",
    new Axis("trial"), new Axis("batch size tried", Logarithmic: true),
    new ChartSeries("fits the budget", fitting.Select(t => t.Number).ToList(),
        fitting.Select(t => (double)t.Trial.BatchSize).ToList(), SeriesStyle.Markers),
    new ChartSeries("over the budget", overBudget.Select(t => t.Number).ToList(),
        overBudget.Select(t => (double)t.Trial.BatchSize).ToList(), SeriesStyle.Markers)));

// When the batch you want does not fit, **gradient accumulation** computes it in pieces: run the pieces one after
// another, add up their gradients (each weighted by its share of the batch), then take one step.
// The update is the same as for the whole batch (up to float rounding); the batch-dependent part of memory follows the
// piece. Below, batch 256 in one piece and in 4 pieces of 64 (the updates of the two runs compared), then the memory of
// one step at batch 1,024 at once
// and of one piece of 64 (16 such pieces make the same update), and, subtracting the fixed part of the fit above, the
// part that depends on the batch:
// a difference of a megabyte or two would be lost in the noise of a process's peak memory, so the comparison uses a
// batch 16 times the piece.

// ---- cell 30 ----
var whole = Trainer.Train(NewModel(), lossFunction, train, null,
    new TrainingOptions(256, TrainingBudget.OfEpochs(2), OptimizerSettings.Sgd(0.1))
        { Seed = seed, Name = "batch 256, 1 piece" });
var pieces = Trainer.Train(NewModel(), lossFunction, train, null,
    new TrainingOptions(256, TrainingBudget.OfEpochs(2), OptimizerSettings.Sgd(0.1))
        { Seed = seed, AccumulationSteps = 4, Name = "batch 256, 4 pieces of 64" });
var peakWhole = TrainingMemory.Measure(WideModel, lossFunction, train, [1024])[0];
var peakPiece = TrainingMemory.Measure(WideModel, lossFunction, train, [64])[0];

// ---- cell 31 ----
lesson.Show(TrainingMemoryReport.DescribeAccumulation(whole, pieces, peakWhole, peakPiece, fit));

// When the pieces are not all the same size, how they are added up matters. Batch 250 in pieces of 64 is 64 + 64 + 64 +
// 58. Code that divides each piece's mean loss by the
// number of pieces (a *mean of the means*) gives each of the last piece's 58 samples a larger weight than the others:
// its gradient is not the batch's. Weighting each piece by its share of the batch
// (the sum of the samples' losses divided by the batch size, which is what the library's trainer does) gives the
// batch's gradient. The same mistake, over tokens of unequal sequences rather than
// samples, was fixed in Hugging Face Transformers in October 2024 (References). Both ways, measured at the starting
// weights as the **relative error** |g − G| / |G|: the length of the difference
// between the accumulated gradient g and the gradient G of the 250 samples at once, over the length of G (0 % is the
// batch's gradient exactly):

// ---- cell 33 ----
var even = GradientAccumulationCheck.Compare(NewModel(), lossFunction, train, batchSize: 256, pieceSize: 64);
var uneven = GradientAccumulationCheck.Compare(NewModel(), lossFunction, train, batchSize: 250, pieceSize: 64);
lesson.Show(new[] { even, uneven }.Select(c => new { c.BatchSize, Pieces = string.Join(" + ", c.PieceSizes),
    MeanOfMeansErrorPercent = c.MeanOfMeansError * 100, WeightedErrorPercent = c.WeightedError * 100 }).ToDataFrame());
lesson.Show(GradientReport.DescribeAccumulationError(even, uneven));

// ## The noise of a mini-batch gradient
//
// A mini-batch gradient is an estimate of the full-data gradient G. If the B examples are drawn independently, its
// **variance** (the mean squared distance of the estimate from G) falls as 1/B (its standard error as 1/√B) (Bottou,
// Curtis and Nocedal, 2018);
// drawn without replacement from N examples it is tr(Σ)/B × (N − B)/(N − 1), reaching 0 at the full set. We measure it
// at the starting weights: each example's own gradient gives tr(Σ) (the variance of one example's gradient, summed over
// the weights),
// and 64 random batches per size give the measured scatter |g_B − G|².
lesson.Section("The noise of a mini-batch gradient");

// ---- cell 35 ----
var noise = GradientNoise.Measure(NewModel(), lossFunction, train, [1, 4, 16, 64, 256, 1024], draws: 64, seed: seed);
lesson.Show(noise.Points.ToDataFrame());

// ---- cell 36 ----
lesson.Show(noise.ToChart());

// ---- cell 37 ----
lesson.Show(GradientReport.DescribeNoise(noise, train.Count));

// The **Ratio** column is measured over predicted: near 1 means the points follow the 1/B line. That noise is what
// makes a small batch's loss curve jagged, and why a larger batch tolerates a larger learning rate.
// Notebook 03 asks whether the noise also helps the model generalise.
//
// ## Try it yourself
//
// 1. Set `learningRate` to 0.4 in the parameters cell and run the notebook again. Which batch sizes gain, and does
//    batch 1 still train?
// 2. Set `optimizerName` to `"adam"` and `learningRate` to 0.001 (**Adam** is a variant of SGD that adapts each
//    weight's step size from its recent gradients; the first lesson trains with it). Does the middle ground move?
// 3. The prediction above (`myAnswer`): if you skipped it, set it now and run the check after the time-to-target table.
//
// Worked solutions:
// [solutions/02-batch-size-in-training-solutions.ipynb](solutions/02-batch-size-in-training-solutions.ipynb).
lesson.Section("Try it yourself");

// ## Check your understanding
//
// Set `quiz1` to `quiz3` in the parameters cell, then run the cell below.
//
// 1. This notebook's training set (its size is printed near the top) is trained with batch 32, keeping the last,
//    smaller batch. How many updates does one epoch make?
// 2. Gradient accumulation computes a batch of 256 as 4 pieces of 64. The batch-dependent part of its memory follows:
//    **a**) the batch of 256; **b**) the piece of 64; **c**) neither.
// 3. Quadrupling the batch size makes the noise of the gradient (its standard deviation): **a**) four times smaller;
//    **b**) about two times smaller; **c**) unchanged.
lesson.Section("Check your understanding");

// ---- cell 40 ----
lesson.Show(Exercise.Check(nameof(quiz1), quiz1, measured: MiniBatches.PerEpoch(train.Count, 32), relativeTolerance: 0.01,
    BatchSizeRunsReport.ExplainUpdatesPerEpoch(train.Count, 32)));
lesson.Show(Exercise.Check(nameof(quiz2), quiz2, ["a", "b", "c"], "b",
    "only one piece's activations exist at a time; the weights, gradients and optimiser state " +
    "are the same as for the whole batch, so that fixed part does not shrink."));
lesson.Show(Exercise.Check(nameof(quiz3), quiz3, ["a", "b", "c"], "b",
    "the variance falls as 1/B, so the standard deviation falls as 1/√B: four times the batch, half the noise."));

// ## Summary
//
// - One update = the mean loss over a batch, one backward pass, one step; the batch size sets how many updates an epoch
//   buys and how fast each sample is processed.
// - Small batches make more updates per epoch, larger ones usually process more samples a second (up to a size your
//   table shows); which wins per epoch and per second depends on the learning rate (one untuned rate here): the lines
//   above say what your run showed.
// - Memory is modelled as fixed + B × per-sample and the gradient's variance as 1/B: the two forces that bound the
//   batch size from above and below. Your fit's R² and the Ratio column say how well each held.
lesson.Section("Summary");

// ## Batch size for your own model
//
// The speed and memory measurements above, for a model you bring, in one call. `BatchSizeAdvisor.Advise` trains a fresh
// copy of the model for a few steps at each batch size (powers of two from 8 up to the training set, at most 1,024,
// unless you pass `batchSizes`),
// measures each size's training speed (samples a second) and peak memory as above, and recommends the **smallest**
// batch within your memory budget that reaches 90 % of the fastest speed within it:
// a larger one buys little speed and makes fewer updates per epoch. It says nothing about the learning rate: tune that
// at the size it gives.
//
// To use it with your own model, pass a function that builds a fresh copy of your model (any TorchSharp
// `nn.Module<Tensor, Tensor>`) instead of `NewModel`, its loss instead of `lossFunction`,
// your training data as a `TensorDataSet` (`new TensorDataSet(features, labels)`, one row per example) instead of
// `train`, and the memory one training step may use as the budget.
// On a CPU the figures are the growth of the process's peak memory during the steps, above what it held before them (so
// a small model shows a fraction of a MiB); on a GPU they cover host memory only (`TrainingMemory.Source` says which).
// Each speed is timed over a fraction of a second, so on a busy machine two runs can recommend different sizes: those
// sizes are then about equally fast, and the smaller one makes more updates per epoch.
// The cell below profiles this notebook's digit model, on the one thread set above:
lesson.Section("Batch size for your own model");

// ---- cell 43 ----
var advice = BatchSizeAdvisor.Advise(NewModel, lossFunction, train, budgetBytes: 64L * 1024 * 1024);
lesson.Show(advice.Candidates.ToDataFrame());
lesson.Show(advice.Reason());

// ## What this changes in your workflow
//
// What to do when you train the inbox classifier, or any model, from the numbers of your run:
lesson.Section("What this changes in your workflow");

// ---- cell 45 ----
lesson.Show(TrainingRecipe.Of(runs, timeToTarget, target, noise, fit, advice));

// ## References
//
// - Alpaydin, E. and Kaynak, C. (1998). *Optical Recognition of Handwritten Digits* [data set]. UCI Machine Learning
//   Repository. https://doi.org/10.24432/C50P49 (CC BY 4.0).
// - Bottou, L., Curtis, F. E. and Nocedal, J. (2018). *Optimization Methods for Large-Scale Machine Learning*. SIAM
//   Review 60(2), 223–311. https://arxiv.org/abs/1606.04838
// - Hugging Face (2024, October 16). *Fixing Gradient Accumulation* (blog: per-micro-batch mean losses over unequal
//   numbers of tokens weighted the tokens unequally; fixed in Transformers by summing and dividing by the total).
//   https://huggingface.co/blog/gradient_accumulation (read 2026-12-07).
// - PyTorch Lightning. *BatchSizeFinder* callback (documentation).
//   https://lightning.ai/docs/pytorch/stable/api/lightning.pytorch.callbacks.BatchSizeFinder.html (read 2026-11-29).
lesson.Section("References");

lesson.Finish();
