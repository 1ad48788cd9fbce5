// Lesson generated from notebooks/solutions/06-first-ai-workflow-solutions.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/solutions/06-first-ai-workflow-solutions.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/solutions/06-first-ai-workflow-solutions.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/06-first-ai-workflow-solutions.html.
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

var lesson = LessonConsole.Start("06-first-ai-workflow-solutions", "06 · Building your first AI workflow — worked solutions", args, ["seed"]);

// # 06 · Building your first AI workflow — worked solutions
//
// Worked solutions to the *Try it yourself* and *Check your understanding* sections of [06 · Building your first AI
// workflow](../06-first-ai-workflow.ipynb).
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
// The seed drives the generated mail, the training order and the replayed traffic, as in the course notebook. Latencies
// of the real-time path vary from run to run; the batch job's waits do not (its clock is simulated).
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026); // the generated mail, the training order and the replayed traffic

// To keep this notebook within a minute it is smaller than the course notebook: the classifier trains on 3,000 emails
// for 2 epochs (not 6,000 for 3),
// the batch job serves only the busy morning of today, 08:00 to 12:00, the real-time path replays 600 emails (not
// 2,000) at the same 200 a second,
// the drifting days have 5,000 emails each (not 10,000) and the worker service is killed once over 2,000 emails.
// All mail is synthetic (the library's `EmailGenerator`).

// ---- cell 5 ----
var trainingMail = EmailGenerator.SeveralDays(3000, new DateOnly(2026, 3, 2), days: 5, seed: seed);
var today = EmailGenerator.Day(20_000, new DateOnly(2026, 3, 10), seed: seed + 2);
var options = new TrainingOptions(64, TrainingBudget.OfEpochs(2), OptimizerSettings.Adam(0.001)) { Seed = seed };
var (classifier, trainingRun) = EmailClassifier.Train(trainingMail, options);
var morningStart = new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
var morning = today.Where(e => e.ReceivedAt >= morningStart && e.ReceivedAt < morningStart.AddHours(4)).ToList();
lesson.Show($"Trained on {trainingMail.Count:N0} emails; {morning.Count:N0} of today's {today.Count:N0} " +
"arrive between 08:00 and 12:00.");

// ---- cell 7 ----
JobOutcome RunJob(int minutes)
{
    var replay = InboxReplay.Create(morningStart); // a real inbox in a temporary folder, on a simulated clock
    var options = new InboxReplayOptions { Window = TimeSpan.FromMinutes(minutes) };
    var runs = replay.RunUntil(morningStart.AddHours(4), morning, classifier, options).Succeeded;
    var waits = InboxBatchJob.ReadResults(replay.OutputDirectory).Select(r => r.Latency.TotalSeconds).Order().ToList();
    replay.Dispose();
    var busiest = runs.MaxBy(r => r.Classified)!;
    return new JobOutcome(minutes, runs.Count, waits, busiest.Classified, busiest.Seconds * 1000);
}

// ## Try it yourself, 1: windows of 1 and 15 minutes
//
// **The change.** Set `windowMinutes` to 1, then to 15, and run again: `dotnet run --project src/BatchLearning.Cli --
// run notebooks/06-first-ai-workflow.ipynb --param windowMinutes=1`, then `--param windowMinutes=15`.
//
// **The result on this machine.** The batch job over the morning with windows of 1, 5 (the default) and 15 minutes.
lesson.Section("Try it yourself, 1: windows of 1 and 15 minutes");

// ---- cell 9 ----
var jobs = new[] { 1, 5, 15 }.Select(RunJob).ToList();
var waitTable = jobs.Select(j => new
{
    WindowMinutes = j.Minutes, j.Runs, Emails = j.Waits.Count, MeanWaitSeconds = j.Waits.Average(),
    P99WaitSeconds = NearestRank.Quantile(j.Waits, 0.99),
    FormulaMean = j.Minutes * 30.0, FormulaP99 = j.Minutes * 60 * 0.99,
    BusiestRunEmails = j.BusiestCount, BusiestRunMs = j.BusiestMs,
}).ToList();
lesson.Show(waitTable.ToDataFrame());

// ---- cell 10 ----
var (w1, w15) = (waitTable[0], waitTable[2]);
lesson.Show($"Mean wait {w1.MeanWaitSeconds:0} s with 1-minute windows, {w15.MeanWaitSeconds:0} s with 15-minute windows " +
$"(T/2: 30 and 450 s); p99 {w1.P99WaitSeconds:0} s and {w15.P99WaitSeconds:0} s (0.99 T: 59 and 891 s). " +
$"The busiest run classified {w1.BusiestRunEmails} emails in {w1.BusiestRunMs:0} ms with 1-minute windows and " +
$"{w15.BusiestRunEmails} in {w15.BusiestRunMs:0} ms with 15-minute windows: " +
(w15.BusiestRunMs > 2 * w1.BusiestRunMs ? "a longer window makes each run longer."
    : w15.BusiestRunMs > w1.BusiestRunMs ? "the time grew by less than 2x: a run's fixed cost is a large part of it."
    : "the busiest run was no slower with the longer window: runs this short are mostly fixed cost"
      + " and noise."));

// **Why.** An email waits from its arrival until the end of its window, a wait spread evenly between 0 and T: the mean
// is T/2 and the p99 0.99 T, whatever the traffic.
// Both grow in proportion to the window. Each run classifies what arrived in its window, so a window 15 times longer
// hands each run about 15 times as many emails;
// the time of a run should grow with its batch, less than in proportion, because each run also pays a fixed cost
// (reading the inbox, writing the results and the checkpoint atomically) and bigger batches use the processor better.
// Runs of a few tens of milliseconds are mostly that fixed cost and the machine's noise, so one run can even come out
// faster with the larger batch: the sentence above says what this run measured.
// Longer windows mean fewer, larger runs: less overhead per email, at the price of waiting longer.

// ## Try it yourself, 2: a 20 ms max delay in real time
//
// **The change.** Set `realTimeMaxDelayMs` to 20 and run again: `dotnet run --project src/BatchLearning.Cli -- run
// notebooks/06-first-ai-workflow.ipynb --param realTimeMaxDelayMs=20`.
//
// **The result on this machine.** 600 of today's emails replayed at 200 a second (Poisson) through the dynamic batcher
// (batches of at most 32), with max delay 2 ms and 20 ms.
lesson.Section("Try it yourself, 2: a 20 ms max delay in real time");

// ---- cell 13 ----
var replay = today.Take(600).ToList();
async Task<BatcherMetrics> Serve(double delayMs)
{
    var batcherOptions = new DynamicBatcherOptions(MaxBatchSize: 32, MaxDelay: TimeSpan.FromMilliseconds(delayMs));
    var test = new LoadTestOptions(batcherOptions, RatePerSecond: 200, Requests: replay.Count, Seed: seed);
    return (await BatcherLoadTest.RunAsync<EmailMessage, EmailCategory>(
        e => classifier.Classify(e), replay, test)).Metrics;
}
var (at2, at20) = (await Serve(2), await Serve(20));

// ---- cell 14 ----
lesson.Show(new[] { at2, at20 }.Select(m => new { m.Completed, m.MeanBatchSize, m.LatencyP50Ms, m.LatencyP99Ms })
    .ToList().ToDataFrame());

// ---- cell 15 ----
lesson.Show($"Mean batch size {at2.MeanBatchSize:0.0} at 2 ms and {at20.MeanBatchSize:0.0} at 20 ms; " +
$"p99 latency {at2.LatencyP99Ms:0.0} ms and {at20.LatencyP99Ms:0.0} ms. " +
(at20.MeanBatchSize > at2.MeanBatchSize && at20.LatencyP99Ms > at2.LatencyP99Ms
    ? "The longer delay bought bigger batches with latency."
    : "The longer delay did not buy both bigger batches and latency here."));

// **Why.** At 200 emails a second about 0.4 arrive in 2 ms and 4 in 20 ms, so a batch waiting 20 ms collects several
// emails, where one waiting 2 ms is usually alone.
// Each email now waits up to 20 ms for its batch to close, so the latency should grow by up to the extra delay (the
// sentence above says whether both moved on this run). At this load the classifier is far from busy, so the bigger
// batches save little the users would notice:
// a longer max delay pays only when the model, not the waiting, is the bottleneck (notebook 04).

// ## Try it yourself, 3: the five-minute job's mean wait
//
// **The change.** Set `myMeanWaitSeconds` to your prediction in seconds, run the prediction cell, then the check after
// the waits table: `dotnet run --project src/BatchLearning.Cli -- run notebooks/06-first-ai-workflow.ipynb --param
// myMeanWaitSeconds=150`.
//
// **The result on this machine.** From the 5-minute run of exercise 1 (the morning only; the course notebook measures
// the whole day, with the same result within a few seconds).
lesson.Section("Try it yourself, 3: the five-minute job's mean wait");

// ---- cell 18 ----
var five = waitTable[1];
lesson.Show($"Mean wait with 5-minute windows: {five.MeanWaitSeconds:0} s over {five.Emails:N0} emails, against T/2 = 150 s " +
$"and T = 300 s: closer to " +
(Math.Abs(five.MeanWaitSeconds - 150) < Math.Abs(five.MeanWaitSeconds - 300) ? "half the window." : "the whole window."));

// **Why.** An email arrives at a random moment of its window and waits for the window's end. Averaged over the window,
// that is half of it: T/2 = 150 s for T = 300 s. Only the last email of a window waits close to nothing, only the first
// close to T.

// ## Try it yourself, 4: a slower drift
//
// **The change.** Set `driftSharePerDay` to 0.4, half the default speed at which the new spam spreads, and run again:
// `dotnet run --project src/BatchLearning.Cli -- run notebooks/06-first-ai-workflow.ipynb --param
// driftSharePerDay=0.4`.
//
// **The result on this machine.** A day of 5,000 labelled emails with the new spam from 06:00, at 0.8 and at 0.4 of the
// mail per day, the job every 15 minutes
// with the classifier above, its agreement with the labels read from the job's metrics hour by hour.
lesson.Section("Try it yourself, 4: a slower drift");

// ---- cell 21 ----
var watchStart = new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.Zero);
(double Speed, string Alert, double ShareAtAlert) Watch(double speed)
{
    var drift = new EmailDrift(watchStart.AddHours(6), SharePerDay: speed);
    var mail = EmailGenerator.Day(5_000, new DateOnly(2026, 3, 12), seed: seed + 4, drift: drift);
    var replay = InboxReplay.Create(watchStart);
    var options = new InboxReplayOptions { KeepLabels = true, Window = TimeSpan.FromMinutes(15) };
    var timeline = new InboxMetricsTimeline(replay.RunDay(mail, classifier, options).Metrics);
    replay.Dispose();
    var alert = timeline.FirstBelow(b => b.Agreement, 0.9, drift.Start);
    var share = alert is null ? double.NaN : drift.ShareAt(alert.Start.AddMinutes(30));
    return (speed, alert?.Start.ToString("HH:mm") ?? "never", share);
}
var drifts = new[] { 0.8, 0.4 }.Select(Watch).ToList();
lesson.Show(drifts.Select(d => new { SharePerDay = d.Speed, AlertFrom = d.Alert, NewSpamAtAlert = d.ShareAtAlert }).ToDataFrame());

// ---- cell 22 ----
var (fast, slow) = (drifts[0], drifts[1]);
var later = string.CompareOrdinal(slow.Alert, fast.Alert) > 0;
var sameShare = Math.Abs(slow.ShareAtAlert - fast.ShareAtAlert) < 0.2 * Math.Max(slow.ShareAtAlert, fast.ShareAtAlert);
lesson.Show($"At 0.8 a day the agreement fell below 90 % from {fast.Alert}, with the new spam at {fast.ShareAtAlert:P0} " +
$"of the mail; at 0.4 a day from {slow.Alert}, at {slow.ShareAtAlert:P0}. " +
(later ? "The slower drift set the alarm off later" : "The alarm did not come later") +
(sameShare ? ", at about the same share of new spam." : ", at another share of new spam."));

// **Why.** The agreement falls by the share of the mail the classifier gets wrong, and it gets most of the new spam
// wrong: it should cross 90 % when the new spam is
// about a tenth of the mail (plus the little the classifier missed before), whatever the speed; the sentence above says
// at which shares it crossed on this run. A slower drift gives more time before the alarm, not another alarm.
// So set the alert on what the model can afford to get wrong, and retrain when it fires (or on a schedule shorter than
// the time the drift takes to get there).
// Without labels, the mean confidence falls the same way, a little later and less sharply.

// ## Try it yourself, 5: what a kill loses
//
// **The change.** Set `myLostOrRepeated` to your prediction ("none", "a few" or "hundreds") and run the check after the
// audit:
// `dotnet run --project src/BatchLearning.Cli -- run notebooks/06-first-ai-workflow.ipynb --param
// myLostOrRepeated=none`.
//
// **The result on this machine.** The worker service (src/BatchLearning.Worker) as a child process over 2,000 of
// today's emails, at most 100 per commit,
// killed with SIGKILL once it had made at least three commits of its first run (it may make more before the kill
// lands), then started again until it had caught up and stopped with SIGTERM.
lesson.Section("Try it yourself, 5: what a kill loses");

// ---- cell 25 ----
var live = InboxReplay.Create(watchStart);
var modelFolder = Path.Combine(live.Folder, "model");
classifier.Save(modelFolder);
live.Append(today.Take(2_000));
var settings = live.WorkerSettings(modelFolder) with { MaxEmailsPerCommit = 100 };
var killed = InboxWorkerProcess.Start(settings);
await killed.WaitForCommitsAsync(3);
killed.Kill(); // kill -9, in the middle of the run
var atKill = live.Progress();
var restarted = InboxWorkerProcess.Start(settings);
await restarted.WaitUntilCaughtUpAsync();
var exit = await restarted.StopAsync();
var audit = live.Audit();
foreach (var done in new IDisposable[] { killed, restarted, live }) { done.Dispose(); }

// ---- cell 26 ----
lesson.Show($"Killed after {atKill.Commits} commits with {atKill.UncommittedBytes:N0} inbox bytes uncommitted and " +
$"{atKill.HalfWrittenFiles} half-written file(s) left behind; restarted, it went on from the checkpoint " +
$"and exited with {exit}: " +
$"{audit.Appended:N0} emails, {audit.Results:N0} results, {audit.Lost} lost, {audit.Duplicated} classified twice.");

// **Why: none.** A commit writes its results to a temporary file, flushes it, renames it into place (a rename is all or
// nothing), and only then moves the checkpoint.
// A process killed at any moment leaves either a whole commit or a temporary file that no reader trusts; the next start
// removes the temporary files, reads the checkpoint
// and redoes what came after it. An email is never in two committed files, because a redone commit replaces its files
// whole, and a repeated id in the inbox
// (a producer's retry) becomes a dead letter. The notebook also shows a full disk: writes fail, the run fails and is
// logged, nothing is committed half, and the next run
// after the disk has room again does it all.

// ---- cell 28 ----
classifier.Dispose();
lesson.Show("done");

// ## Check your understanding: the answers
//
// 1. **b**: it redoes at most the part that was not yet committed. Results and the checkpoint are committed atomically;
//    a restart starts from the last checkpoint, so nothing is lost and nothing is classified twice.
// 2. **300 s.** The wait is spread evenly between 0 and T = 600 s, so its mean is T/2.
// 3. **a**: real time behind the dynamic batcher. Only it answers within milliseconds; the job makes the user wait up
//    to a window, the batch API up to a day.
lesson.Section("Check your understanding: the answers");

lesson.Finish();

// The types the notebook's cells declare (C# puts them after the top-level statements).
record JobOutcome(int Minutes, int Runs, List<double> Waits, int BusiestCount, double BusiestMs);
