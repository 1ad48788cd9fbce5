// Lesson generated from notebooks/07-batching-text-generation.ipynb: do not edit it, edit the notebook (the one source) and regenerate with
//   dotnet run --project src/BatchLearning.Cli -- export lessons
// (a test fails while a lesson differs from its notebook).
//
// Run it with the .NET 10 SDK, no notebook kernel needed:  dotnet run lessons/07-batching-text-generation.cs
// Set a value of the parameters cell, as the course runner's --param does:  dotnet run lessons/07-batching-text-generation.cs -- --param seed=2026
// It prints what the notebook's cells display; sentences, tables and charts also go to artifacts/lessons/07-batching-text-generation.html.
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

var lesson = LessonConsole.Start("07-batching-text-generation", "07 · Batching text generation: static, dynamic and continuous batching, measured", args, ["seed", "trainingSteps", "slots", "loadFactor", "requestCount", "cacheShare", "longPromptTokens", "myPrediction", "quiz1", "quiz2", "quiz3"]);

// # 07 · Batching text generation: static, dynamic and continuous batching, measured
//
// **The question:** how do services batch text generation, where every request wants a different number of tokens? If
// the inbox workflow asked a language model to draft a reply
// to each email, some replies would be a line and some a page; here a tiny model writes the subject lines of the
// course's mail, each request to its own length.
//
// A language model writes one **token** (the unit it reads and writes: a word piece for a large model, one character
// for the tiny one here) per **forward pass** (one run of the model over its current inputs)
// per **sequence** (one request's text so far), and requests want very different numbers of tokens. Batching generation
// is therefore a scheduling question:
// which sequences share the next forward pass? This notebook trains a tiny language model, serves the same stream of
// requests under four policies, and measures the difference.
//
// **You will learn to**
// 1. explain why a static batch wastes its **slots** (the places for sequences in one pass) on finished sequences, and
//    how continuous (iteration-level) batching admits and retires sequences at every step;
// 2. read the serving metrics of generation: tokens per second, **time to first token** (TTFT: how long a request waits
//    until its first token comes back), time per output token (TPOT: the time between a request's later tokens),
//    request **latency** (arrival to last token) percentiles (the p99 is the latency 99 % of requests stay under), slot
//    utilisation (the share of slot-time over the whole run spent on useful work: each pass counts by how long it took,
//    and idle time counts as unused), padding waste (the share of computed rows nobody wants, counted row by row, so
//    the two need not add up to 100 %);
// 3. fit a step-cost curve (fixed cost + cost per sequence) to measured passes and use it to simulate thousands of
//    requests in seconds;
// 4. explain, from a measured step-cost curve, why batching pays far more on a GPU (graphics processor) serving a large
//    model than on a CPU serving a tiny one, and where the published gains (up to 23x, 36.9x) come from;
// 5. say how much memory a running sequence holds, what a server does when it runs out (preemption and recompute) and
//    what that costs, and why long prompts are read in chunks.
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
// notebooks/07-batching-text-generation.ipynb --param slots=32`.
lesson.Section("Parameters");

// ---- cell 3 (parameters: set any with -- --param NAME=VALUE) ----
int seed = lesson.Parameter<int>("seed", 2026);             // drives the training text, the weights, the prompts, the arrivals and the answer lengths
int trainingSteps = lesson.Parameter<int>("trainingSteps", 200);     // Adam updates of the tiny model (Try it yourself, 1)
int slots = lesson.Parameter<int>("slots", 16);              // sequences per pass: static batch, dynamic max batch, continuous max_num_seqs (2)
double loadFactor = lesson.Parameter<double>("loadFactor", 2.0);     // arrival rate as a multiple of what static batching can serve on this machine (3)
int requestCount = lesson.Parameter<int>("requestCount", 600);      // requests in the measured trace
double cacheShare = lesson.Parameter<double>("cacheShare", 0.5);     // the cache budget, as a share of what the running sequences held without a limit (5)
int longPromptTokens = lesson.Parameter<int>("longPromptTokens", 96);   // the long prompts of the chunked-prefill section, in tokens (at most 127) (6)
string myPrediction = lesson.Parameter<string>("myPrediction", null);  // your prediction: "continuous", "static" or "same" (asked before the measurement)
string quiz1 = lesson.Parameter<string>("quiz1", null);         // Check your understanding: "a", "b" or "c"
double? quiz2 = lesson.Parameter<double?>("quiz2", null);        // a share, from 0 to 1
string quiz3 = lesson.Parameter<string>("quiz3", null);         // "a", "b" or "c"

// ## A tiny language model
//
// A character-level model: an embedding (a table that turns each character into a vector of numbers), one GRU layer (a
// recurrent layer that reads one character at a time
// and carries a hidden state; that state is the sequence's whole memory, the GRU's counterpart of a transformer's **KV
// cache**: a transformer, the architecture of large language models,
// keeps key/value tensors per sequence in it so that a new token does not recompute the whole prefix) and a linear
// layer that scores the next character.
// It is trained for `trainingSteps` updates with **Adam** (a common training method: it nudges every weight to reduce
// the errors, adapting each weight's step size). It learns the subjects of the course's synthetic mail
// (`EmailGenerator`), one subject per line, in a few seconds on one CPU core.
// Greedy decoding takes the best-scored character every time; seeded sampling draws one from the scores, with a random
// generator of each request's own, so a request's draw does not depend on its batch.
lesson.Section("A tiny language model");

// ---- cell 5 ----
var options = new CharacterModelOptions(TrainingSteps: trainingSteps);
var model = CharacterModel.Train(CharacterModel.Subjects(3000, seed), options, seed);
lesson.Show(model.Training);
lesson.Show(model.Examples(["Re", "Your", "Meet"], newTokens: 45, seed).ToDataFrame());

// ## What one forward pass costs
//
// Batching pays when a pass over many sequences costs little more than a pass over one. We time the model's decode pass
// (one token for each of *b* sequences) and its prefill pass
// (reading the prompts of *b* new requests before their first token) at batch sizes 1 to 64, and fit a line: **step
// time = s0 + s1 x batch**. The fixed part s0 is paid once per pass (reading the weights, launching the operations'
// compute kernels, the small programs the processor runs for each one);
// s1 is paid per sequence.
lesson.Section("What one forward pass costs");

// ---- cell 7 ----
var prompts = model.SamplePrompts(200, seed);
var calibration = GenerationBenchmark.Calibrate(model, prompts);
lesson.Show(calibration.Points.ToDataFrame());
lesson.Show(GenerationCharts.StepCost(calibration));
lesson.Show(calibration.Describe());

// ## The requests
//
// Requests arrive as a Poisson stream (independently, at random, at a set average rate); each has a short prompt (the
// start of a subject) and asks for a number of new tokens drawn from a heavy-tailed (Pareto) distribution:
// most answers are short, a few are long, as in real chat traffic. Every request runs to its maximum (as in the
// benchmarks of vLLM, a widely used open-source server for language models, run with `ignore_eos`, which keeps
// generating past the end-of-text token), so the answer lengths are exactly the drawn ones.
// The arrival rate is set from this machine's measured costs: `loadFactor` times the most that static batching of
// `slots` can serve (found with the simulator).
// The default, 2, is well past that capacity, so static batching cannot keep up even when the machine runs faster
// during the measurement than during the calibration
// (on a shared machine it can: at 1.2 times, a quieter minute once let static batching keep up, and both policies
// served the same tokens a second).
lesson.Section("The requests");

// ---- cell 9 ----
var staticPolicy = GenerationPolicy.Static(slots);
var staticCapacity = GenerationBenchmark.Capacity(calibration.Fit, staticPolicy, seed).RequestsPerSecond;
var ratePerSecond = loadFactor * staticCapacity;
var requests = GenerationWorkload.Create(prompts, requestCount, ratePerSecond, seed);
lesson.Show(GenerationReport.DescribeTrace(requests, ratePerSecond, staticCapacity, slots));

// ## Four policies
//
// - **One at a time**: a request runs alone from prompt to last token, then the next one starts.
// - **Static batching** (`slots` requests): wait until `slots` requests are queued, run them together until the longest
//   is done, return them all at the end. Finished sequences keep their slot and are computed as padding.
// - **Dynamic request-level batching** (the `DynamicBatcher` of notebook 04 applied to whole requests): a batch starts
//   when `slots` requests wait or the oldest has waited 2 ms; otherwise as static.
// - **Continuous batching** (the iteration-level scheduling of Orca, a research serving system, and vLLM's scheduler):
//   before *every* forward pass, finished sequences leave and waiting requests join,
//   up to `slots` running sequences (vLLM's `max_num_seqs`: its engine arguments default to 256, more on large GPUs)
//   and a token budget per pass (`max_num_batched_tokens`: from 2,048 to 16,384 by default, depending on the GPU and
//   how the engine is used).
//
// Each policy serves the same trace on the real model and the wall clock. A test in the course's suite checks that
// every policy generates, for every request, exactly the tokens that
// one-at-a-time greedy decoding gives (batched float arithmetic can differ in the last bits; a token may differ only
// where the two best scores tie to within 0.001).
//
// **Predict before you measure**: which policy will have the lower p99 request latency on this trace, `"continuous"` or
// `"static"`, or will they be the `"same"` (within 10 %)? Set `myPrediction`, then run the next cell.
lesson.Section("Four policies");

// ---- cell 11 ----
lesson.Show(Exercise.Prediction(nameof(myPrediction), myPrediction));

// ---- cell 12 ----
GenerationPolicy[] policies = [GenerationPolicy.OneAtATime(), GenerationPolicy.Static(slots),
    GenerationPolicy.Dynamic(slots, TimeSpan.FromMilliseconds(2)), GenerationPolicy.Continuous(slots, 2048)];
var measured = policies.Select(p => GenerationScheduler.Run(model, requests, p, GenerationClock.Real)).ToList();
var metrics = measured.Select(r => r.Metrics()).ToList();
lesson.Show(metrics.ToDataFrame());

// ---- cell 13 ----
var (alone, fixedBatch, continuous) = (metrics[0], metrics[1], metrics[3]);
var lowerP99 = GenerationReport.LowerP99(continuous, fixedBatch);
lesson.Show(GenerationReport.CompareMeasured(alone, fixedBatch, continuous));

// ## Did batch-mates change any answer?
//
// Every request above was generated four times, once per policy, with greedy decoding; one at a time is the reference,
// a batch of one. The count below compares every token of every request.
lesson.Section("Did batch-mates change any answer?");

// ---- cell 15 ----
lesson.Show(GenerationReport.DescribeBatchInvariance(measured[0], measured.Skip(1).ToList()));

// ---- cell 16 ----
lesson.Show(Exercise.Check(nameof(myPrediction), myPrediction, ["continuous", "static", "same"], correct: lowerP99,
    GenerationReport.ExplainP99(continuous, fixedBatch)));

// ## The slot timeline
//
// Each cell is one slot in one forward pass, coloured by the request generating in it; blank cells are idle slots or
// finished sequences kept as padding.
// Under static batching, a batch's slots empty one by one while the longest answer finishes, and nothing can use them;
// under continuous batching a freed slot is taken at the next pass.
lesson.Section("The slot timeline");

// ---- cell 18 ----
lesson.Show(GenerationCharts.SlotTimeline(measured[1], steps: 200));
lesson.Show(GenerationCharts.SlotTimeline(measured[3], steps: 200));

// ## From measurement to simulation
//
// The measured runs give thousands of timed passes inside the serving loop. The calibration above timed passes alone,
// only to set the load; we refit the step cost to these passes (a decode pass: s0 + s1 x sequences; a prefill pass: a
// fixed cost + a cost per padded prompt token),
// then replay the same trace in the simulator: the same scheduler, a model-free engine and a virtual clock that
// advances by the fitted cost. If the simulator agrees with the measurement,
// we can trust it for thousands of requests and for cost curves this machine does not have. (The course's tests check,
// on a burst of requests, that they agree within 10 % on throughput and 20 % on median latency.)
lesson.Section("From measurement to simulation");

// ---- cell 20 ----
var fit = StepCostModel.Fit(measured.SelectMany(r => r.Steps));
var simulated = GenerationBenchmark.Simulate(fit, requests, policies);
var agreement = GenerationReport.Agreement(metrics, simulated);
lesson.Show(agreement.ToDataFrame());
lesson.Show(GenerationReport.DescribeAgreement(fit, measured.Sum(r => r.Steps.Count), agreement, calibration.Fit));

// ## Throughput against tail latency on two cost curves
//
// Now the simulator sweeps the arrival rate for 2,000 requests under two cost curves, one chart each: **this
// machine's** fitted curve, and an **illustrative GPU-like curve** for a 7-billion-parameter model (7 billion weights)
// on one data-centre GPU (not measured here): a decode pass reads all the weights whatever the batch, about 8 ms, plus
// 0.06 ms per sequence; a prefill pass 8 ms plus 0.03 ms per prompt token.
// Each point is one arrival rate; up and to the left is better. Then, for each curve, the throughput each policy
// reaches while keeping p99 within the same target (300 full decode passes).
lesson.Section("Throughput against tail latency on two cost curves");

// ---- cell 22 ----
var gpu = StepCostModel.IllustrativeGpu;
// Ten arrival rates around each curve's own static capacity: from an eighth of it to five times it.
List<double> RatesAround(StepCostModel cost)
{
    var capacity = GenerationBenchmark.Capacity(cost, staticPolicy, seed).RequestsPerSecond;
    return Enumerable.Range(0, 10).Select(i => capacity / 8 * Math.Pow(40, i / 9.0)).ToList();
}
foreach (var curve in new[] { fit, gpu })
{
    var sweep = GenerationBenchmark.Sweep(curve, policies.Skip(1).ToList(), RatesAround(curve), seed);
    var title = "Cost curve: " + curve.Label + " (simulated, 2,000 requests a point)";
    lesson.Show(GenerationCharts.ThroughputVersusLatency(sweep, title));
}

// ---- cell 23 ----
var (cpuTarget, gpuTarget) =
    (GenerationBenchmark.TargetOfPasses(fit, slots), GenerationBenchmark.TargetOfPasses(gpu, slots));
var onCpu = GenerationBenchmark.ContinuousVersusStatic(fit, cpuTarget, slots, seed, measured[3]);
var onGpu = GenerationBenchmark.ContinuousVersusStatic(gpu, gpuTarget, slots, seed);
lesson.Show(new[] { onCpu, onGpu }.ToDataFrame());

// ---- cell 24 ----
lesson.Show(GenerationReport.CompareCurves(onCpu, onGpu, fit, gpu));

// ## Memory per running sequence
//
// Every running sequence keeps state between passes so that a new token does not reread its whole prefix. How much, and
// whether it grows, decides how many sequences fit at once.
lesson.Section("Memory per running sequence");

// ---- cell 26 ----
lesson.Show(GenerationReport.DescribeMemory(model, TransformerKvCache.Llama31_8B));

// ## When the memory runs out: preemption and recompute
//
// A server reserves a fixed amount of memory for the cache. When the running sequences' next tokens no longer fit, vLLM
// **preempts** a sequence: it drops that sequence's cache,
// puts it back at the head of the queue and, when memory frees up, **recomputes** it by reading its prompt and the
// tokens it had generated again (vLLM V1's default: its docs say recomputing costs less than
// swapping the cache out to CPU memory). We serve the same trace with continuous batching and a cache of `cacheShare`
// times what the running sequences held without a limit (never below the context length, 128,
// so that one sequence always fits), on the real model, and count what it cost. The scheduler counts each sequence's
// cache as a transformer's would be, one entry per token read;
// this GRU's real state stays at its fixed size, so the budget here is bookkeeping, while the recompute work it causes
// runs on the real model and is timed.
lesson.Section("When the memory runs out: preemption and recompute");

// ---- cell 28 ----
var unlimited = measured[3];
var cacheTokens = unlimited.CacheBudget(cacheShare, model.ContextLength); // never below the context length
var tight = GenerationPolicy.Continuous(slots, 2048, maxCachedTokens: cacheTokens);
var preempting = GenerationScheduler.Run(model, requests, tight, GenerationClock.Real);
lesson.Show(GenerationReport.DescribePreemption(preempting, unlimited, cacheTokens));

// Recompute time is easy to measure; what it does to throughput and latency needs the same trace under several budgets,
// which the simulator gives: this machine's fitted curve,
// the budgets at fixed shares of the simulator's own peak (`cacheShare` sets only the measured run above), a recompute
// priced as the prefill it is.
// Expect the counts to differ from the measured run's: which sequences run at each pass depends on how long the passes
// take, and the measured run reads its recomputed
// sequences in a pass of their own, so that their time can be measured apart, while the simulator folds them into the
// pass that reads new prompts.

// ---- cell 30 ----
var cachePoints = GenerationBenchmark.CacheBudgets(fit, requests, slots, [0.75, 0.5, 0.25]);
lesson.Show(cachePoints.ToDataFrame());
lesson.Show(GenerationReport.DescribeCacheBudgets(cachePoints));

// ## Chunked prefill: a long prompt without stalling the others
//
// So far every prompt was a few characters. A chat with a long history or a pasted document has a long prompt, and
// reading it in one pass makes that pass long:
// every running sequence waits for it before its next token, a stall its user sees as a pause in the stream. **Chunked
// prefill** reads a long prompt over several passes,
// within a token budget per pass (`max_num_batched_tokens`); vLLM V1 enables it by default. The budget is shared by
// everything a pass reads:
// each running sequence's decode takes one token of it first, prompt chunks fill what is left, so with `slots` = 16
// sequences decoding a budget of 16 leaves room for a prompt
// only when a slot is idle. One more difference from vLLM: this model reads the prompts of one pass in lock-step,
// padded to the longest, so a long prompt read in one pass
// also pads every short prompt beside it; vLLM packs tokens without padding, so there the stall is the long prompt's
// own length. We give every tenth request of the trace a prompt of `longPromptTokens` tokens
// and replay it in the simulator: once with each prompt read in one pass, then with chunks within budgets of 64, 32 and
// 16 tokens per pass. Time between tokens counts, for every token
// a running sequence decoded, the pass it waited for.
lesson.Section("Chunked prefill: a long prompt without stalling the others");

// ---- cell 32 ----
var longPrompt = prompts.SelectMany(p => p).Take(longPromptTokens).ToList();
var longTrace = GenerationWorkload.WithLongPrompts(requests, longPrompt, every: 10, model.ContextLength);
var prefillPoints = GenerationBenchmark.PrefillBudgets(fit, longTrace, slots, [64, 32, 16]);
lesson.Show(prefillPoints.ToDataFrame());
lesson.Show(GenerationReport.DescribeChunking(prefillPoints));

// ## The published figures
//
// - **Orca** (Yu et al., OSDI 2022) introduced iteration-level scheduling and reported **36.9x** the throughput (tokens
//   per second) of NVIDIA FasterTransformer (NVIDIA's earlier inference library) at the same latency on GPT-3 175B.
// - **vLLM** (Kwon et al., SOSP 2023) added PagedAttention, which packs the key/value cache in pages so many more
//   sequences fit in GPU memory: **2-4x** the throughput of FasterTransformer and Orca at the same latency.
// - **Anyscale's** benchmark (Daniel, Shen, Liang and Liaw, June 2023) measured up to **23x** throughput with
//   continuous batching plus memory optimisations (vLLM), and **8x** from continuous batching alone, over naive static
//   batching.
// - vLLM's engine arguments default to `max_num_seqs` = 256 running sequences (more on large GPUs) and
//   `max_num_batched_tokens` = 2,048 to 16,384 tokens per pass, depending on the GPU and how the engine is used (its
//   scheduler's own defaults of 128 sequences and 2,048 tokens are for tests). Each running sequence holds its KV cache
//   in GPU memory, so the sequence limit is a memory decision.
//
// Those gains were measured on GPUs, where a pass costs nearly the same for 1 or 100 sequences, with answers of
// hundreds of tokens with a long tail, and with memory management that lets
// hundreds of sequences share a pass, against baselines that cannot keep their passes full. A flat curve makes filling
// a pass pay more than on this CPU (the sentence under the table above
// compares a pass of 64 sequences with a pass of 1 on both curves). How much *continuous* batching adds over *static*
// batching depends as much on the answers' lengths, the slots and the memory:
// with this run's short answers and `slots` sequences it can come out smaller on the GPU-like curve than on this
// machine's, and that sentence says which it was on this run.
//
// ## Try it yourself
//
// 1. Set `trainingSteps` to 50 and run again: the generated subjects get worse, but does any serving metric change? (It
//    should not: the cost of a pass does not depend on what the model learned.)
// 2. Set `slots` to 4, then 64. How do static batching's padding waste and continuous batching's gain move?
// 3. Set `loadFactor` to 0.5, then 1.2. At low load, why is static batching's latency *worse* than at medium load?
//    (Hint: a static batch waits to fill.)
// 4. The prediction above (`myPrediction`): if you skipped it, set it now and run its check cell again.
// 5. Set `cacheShare` to 0.9, then 0.25. How do the preemptions and the share of tokens read twice move? At what share
//    does the measured recompute time pass a tenth of the run?
// 6. Set `longPromptTokens` to 24. With 16 sequences decoding, is a 24-token prompt still chunked under a budget of 32?
//    How does the p99 gap between one pass and chunks of 16 move?
//
// Worked solutions:
// [solutions/07-batching-text-generation-solutions.ipynb](solutions/07-batching-text-generation-solutions.ipynb).
lesson.Section("The published figures");
lesson.Section("Try it yourself");

// ---- cell 34 ----
model.Dispose();
lesson.Show("done");

// ## Check your understanding
//
// Set `quiz1` to `quiz3` in the parameters cell, then run the cell below.
//
// 1. A static batch holds requests that want 10, 20 and 90 tokens. When is the 10-token request returned? **a**) after
//    10 passes; **b**) after 90 passes, with the whole batch; **c**) after 40 passes, the mean.
// 2. In that batch of three, all three slots are computed for 90 passes. What share of the computed token rows is
//    padding (a number from 0 to 1)?
// 3. Why does putting many sequences in one pass pay far more on a GPU serving a large model than on a CPU serving a
//    tiny one? **a**) the GPU's pass costs nearly the same for 1 or 100 sequences, so each extra sequence in a pass is
//    almost free throughput; **b**) GPUs compute greedy decoding more exactly; **c**) a CPU cannot run more than one
//    sequence per pass.
lesson.Section("Check your understanding");

// ---- cell 36 ----
lesson.Show(Exercise.Check(nameof(quiz1), quiz1, ["a", "b", "c"], "b",
    "a static batch returns all its requests when its longest one is done; the short ones wait as padding."));
lesson.Show(Exercise.Check(nameof(quiz2), quiz2, measured: 1 - (10 + 20 + 90) / (3 * 90.0), relativeTolerance: 0.05,
    "3 x 90 = 270 rows are computed and 10 + 20 + 90 = 120 are wanted, so 150 / 270 = 0.56 are padding."));
lesson.Show(Exercise.Check(nameof(quiz3), quiz3, ["a", "b", "c"], "a",
    "the fixed part s0 of a pass dominates on a GPU (all weights read once per pass), so an extra sequence costs " +
    "little; on a CPU with a tiny model the per-sequence part s1 matters sooner, so a fuller batch gains less."));

// ## Summary
//
// - Generation is one token per pass per sequence; a batching policy decides which sequences share each pass.
// - Static and request-level batching keep finished sequences as padding until the longest is done, and make short
//   answers wait for long ones.
// - Continuous batching admits and retires sequences at every pass, bounded by a number of running sequences and a
//   token budget; a request's tokens depend on its own prompt, up to the last bits of the arithmetic (the count above
//   says whether any changed on your run).
// - A step-cost curve fitted from measured passes lets a simulator reproduce the measurement and explore other
//   hardware; the flatter the curve (a GPU with a large model), the more a full pass is worth.
// - Each running sequence holds state (a transformer's KV cache grows with every token), so how many can run at once is
//   a memory decision; when the cache runs out, a server preempts a sequence and recomputes it later, paying in time.
// - A long prompt read in one pass stalls every running sequence; chunked prefill spreads it over passes within a token
//   budget, and can trade the long prompt's own wait for the others' smooth stream.
lesson.Section("Summary");

// ## What this changes in your workflow
//
// What to do when your workflow generates text, from the numbers of your run:
lesson.Section("What this changes in your workflow");

// ---- cell 39 ----
// Each piece of advice follows from this run's numbers (GenerationReport.Advice words every branch).
lesson.Show(GenerationReport.Advice(continuous, fixedBatch, onCpu, onGpu));

// ## References
//
// - Yu, G.-I., Jeong, J. S., Kim, G.-W., Kim, S., Chun, B.-G. (2022). *Orca: A Distributed Serving System for
//   Transformer-Based Generative Models*. OSDI 2022. https://www.usenix.org/conference/osdi22/presentation/yu
// - Kwon, W., Li, Z., Zhuang, S., Sheng, Y., Zheng, L., Yu, C. H., Gonzalez, J. E., Zhang, H., Stoica, I. (2023).
//   *Efficient Memory Management for Large Language Model Serving with PagedAttention*. SOSP 2023.
//   https://arxiv.org/abs/2309.06180
// - Daniel, C., Shen, C., Liang, E., Liaw, R. (2023). *How continuous batching enables 23x throughput in LLM inference
//   while reducing p50 latency*. Anyscale blog, June 2023.
//   https://www.anyscale.com/blog/continuous-batching-llm-inference
// - vLLM documentation. *Engine arguments* (`max_num_seqs`, `max_num_batched_tokens`).
//   https://docs.vllm.ai/en/latest/serving/engine_args.html
// - Cho, K. et al. (2014). *Learning Phrase Representations using RNN Encoder-Decoder for Statistical Machine
//   Translation* (the GRU). https://arxiv.org/abs/1406.1078
// - vLLM documentation. *Optimization and Tuning* (preemption and recompute; chunked prefill and
//   `max_num_batched_tokens`: smaller budgets for better inter-token latency, larger ones for better time to first
//   token and throughput). https://docs.vllm.ai/en/stable/configuration/optimization/ (read 2026-12-07).
// - Meta. *Llama 3.1 8B*, `config.json` (32 layers, 8 key/value heads, head dimension 128, bfloat16).
//   https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/config.json (read 2026-12-07).
// - H. He and Thinking Machines Lab. *Defeating Nondeterminism in LLM Inference*, Connectionism, 2025-09-10 (why a
//   request's output can depend on its batch-mates).
//   https://thinkingmachines.ai/blog/defeating-nondeterminism-in-llm-inference/ (read 2026-12-07).
lesson.Section("References");

lesson.Finish();
