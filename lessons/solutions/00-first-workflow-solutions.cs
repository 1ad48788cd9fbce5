// Lesson generated from notebooks/solutions/00-first-workflow-solutions.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/solutions/00-first-workflow-solutions.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/solutions/00-first-workflow-solutions.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/00-first-workflow-solutions.html.
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
using System.IO;

var lesson = LessonConsole.Start("00-first-workflow-solutions", "00 · Start here: your first batch workflow — worked solutions", args, ["seed"]);

// # 00 · Start here: your first batch workflow — worked solutions
//
// Worked solutions to the *Try it yourself* and *Check your understanding* sections of [00 · Start here: your first
// batch workflow](../00-first-workflow.ipynb).
// For each exercise: the change to make, the result **this machine** gave (computed by the cells below when you run
// this notebook), and why.
// New to a term? See the [glossary](../GLOSSARY.md).

// ---- cell 1 ----
// The same first cell in every notebook: pinned packages, then one setup call that says what your numbers come from.
// On a GPU machine: replace TorchSharp-cpu by TorchSharp-cuda-linux (same version), then restart the kernel.

lesson.Show(Course.Setup());

// ## Parameters
//
// The seed drives the generated mail and the training order, as in the lesson. The same mail and classifier as the
// lesson, on a smaller day (5,000 emails) to stay within a minute.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026); // the mail, the first weights and the training order

// ---- cell 4 ----
var trainingMail = EmailGenerator.SeveralDays(4000, new DateOnly(2026, 3, 2), days: 5, seed: seed);
var today = EmailGenerator.Day(5_000, new DateOnly(2026, 3, 10), seed: seed + 2);
var options = new TrainingOptions(64, TrainingBudget.OfEpochs(2), OptimizerSettings.Adam(0.001)) { Seed = seed };
var (classifier, _) = EmailClassifier.Train(trainingMail, options);
var work = Directory.CreateTempSubdirectory("batchlearning-00s-").FullName;
var tokens = ClassificationTokens.Measure(today.Take(2000).ToList(), TokenCounter.ForModel(WorkflowPaths.DefaultModel));
var startUp = JobStartUp.Measure(classifier, work);

// ## Try it yourself, 1: run the job every 15 minutes
//
// **Change:** `windowMinutes = 15` (or `--param windowMinutes=15`). Below, the same day through the job with a 5-minute
// and a 15-minute window, each priced like the lesson's table.
lesson.Section("Try it yourself, 1: run the job every 15 minutes");

// ---- cell 6 ----
var race = ArrivalRace.Run(classifier, today.Take(512).ToList(), 256, rounds: 1);
var windows = new[] { 5, 15 }.Select(minutes =>
{
    var day = InboxDay.Run(today, classifier, TimeSpan.FromMinutes(minutes), Path.Combine(work, $"w{minutes}"));
    var job = WorkflowPaths.Compare(new WorkflowMeasurements(race, day, startUp, tokens), PriceTable.Default)[1];
    return new { Minutes = minutes, day.Runs.Count, MeanWaitMinutes = day.MeanWait.TotalMinutes,
        P99WaitMinutes = day.WaitQuantile(0.99).TotalMinutes, job.CostPerDay, job.Basis };
}).ToList();
lesson.Show(windows.ToDataFrame());

// ---- cell 7 ----
var (w5, w15) = (windows[0], windows[1]);
var why = w15.CostPerDay < w5.CostPerDay
    ? "less: a third as many starts, each billed at least 60 s"
    : "the same: a machine kept up costs the same whatever the window";
lesson.Show($"Every 15 minutes the mean wait is {w15.MeanWaitMinutes:0.0} min instead of {w5.MeanWaitMinutes:0.0} " +
$"({w15.MeanWaitMinutes / w5.MeanWaitMinutes:0.0}x, as half the window predicts: 7.5 against 2.5), and the job costs " +
$"${w15.CostPerDay:0.000} a day instead of ${w5.CostPerDay:0.000} ({why}).");

// **Why:** an email waits from its arrival to the end of its window, evenly spread between 0 and the window, so the
// mean wait is half the window and grows with it.
// A longer window means fewer runs; when the machine is started for each run, each start is billed at least 60 seconds,
// so fewer starts cost less.
// The work itself (the same emails, the same model) does not change.
//
// ## Try it yourself, 2: classify in batches of 8
//
// **Change:** `batchSize = 8`. Below, the model alone on the same 512 emails, timed as the lesson times it (interleaved
// rounds on one thread):
// one at a time against batches of 8, then batches of 8 against batches of 256. Each finding states what this run
// measured and why.
lesson.Section("Try it yourself, 2: classify in batches of 8");

// ---- cell 9 ----
var emails = today.Take(512).ToList();
lesson.Show(ArrivalRaceFindings.Model(ArrivalRace.ModelAlone(classifier, emails, 8), 8));
lesson.Show(ArrivalRaceFindings.BatchSizes(ArrivalRace.CompareBatchSizes(classifier, emails, smaller: 8, larger: 256)));

// **Why:** the reason under each finding is the one for the verdict this run reached. Behind them: the fixed cost of a
// call is shared by the emails of its batch
// (8 emails share it eight ways, 256 share it 256 ways), while the arithmetic per email stays the same, so each
// doubling of the batch saves less than the one before
// (notebook 01 measures where returns diminish on your machine).
//
// ## Check your understanding
//
// 1. **b**: batching changes when an email gets its category and what the work costs, not the category (the lesson
//    found identical categories both ways).
// 2. **5** minutes: waits spread evenly from 0 to the 10-minute window, so the mean is half of it.
// 3. **b**: OpenAI's Batch API and Anthropic's Message Batches both publish a 50 % discount, with results within 24
//    hours.
lesson.Section("Check your understanding");

// ---- cell 11 ----
Directory.Delete(work, recursive: true);
classifier.Dispose();
lesson.Show("done");

// ## References
//
// - OpenAI. *Batch API* (guide): 50 % discount, 24-hour completion window.
//   https://platform.openai.com/docs/guides/batch (as listed on 2026-11-29).
// - Anthropic. *Batch processing* (Message Batches): 50 % discount, results within 24 hours.
//   https://docs.anthropic.com/en/docs/build-with-claude/batch-processing (as listed on 2026-11-29).
// - AWS. *Announcing Amazon EC2 per second billing* (Linux instances billed per second, minimum 60 seconds),
//   2017-10-02. https://aws.amazon.com/about-aws/whats-new/2017/10/announcing-amazon-ec2-per-second-billing/
lesson.Section("References");

lesson.Finish();
