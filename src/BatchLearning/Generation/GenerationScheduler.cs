using System.Diagnostics;

namespace BatchLearning.Generation;

/// <summary>
/// Serves a trace of generation requests on an engine under a batching policy, one forward pass (step) at a time, and records every step and request.
/// Before each step it admits waiting requests as the policy allows; the step prefills the admitted prompts (each gets its first token) and decodes
/// one token for every running sequence; then finished sequences leave (at once under continuous batching, with their whole batch otherwise).
/// Under continuous batching it can also read long prompts in chunks within the pass's token budget, and keep the sequences' state within a cache
/// budget by preempting and later recomputing sequences, as vLLM does.
/// </summary>
public static class GenerationScheduler
{
    /// <summary>Runs <paramref name="requests"/> through <paramref name="engine"/> under <paramref name="policy"/>, timed by <paramref name="clock"/>.</summary>
    /// <exception cref="ArgumentException">No requests, two with the same id, or a prompt longer than the context (the message names the request).</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A request's prompt plus new tokens exceed the context, or a continuous policy's cache (or, without chunked prefill, its token budget) is below the context length.
    /// </exception>
    public static GenerationRun Run(IGenerationEngine engine, IReadOnlyList<GenerationRequest> requests, GenerationPolicy policy, GenerationClock clock)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(clock);
        Validate(engine, requests, policy);
        return new Session(engine, requests, policy, clock).Run();
    }

    internal static void CheckFits(GenerationRequest request, int contextLength)
    {
        if (request.Prompt.Count > contextLength)
        {
            throw new ArgumentException(GenerationRequest.Text($"Request {request.Id}: its prompt has {request.Prompt.Count} tokens, longer than the model's context of {contextLength}; shorten it to at most {contextLength - 1} tokens."), "requests");
        }

        // Compared as a subtraction: prompt + maxNewTokens can overflow an int (maxNewTokens = int.MaxValue - 1 would pass as a negative sum).
        if (request.MaxNewTokens > contextLength - request.Prompt.Count)
        {
            throw new ArgumentOutOfRangeException("requests", request.MaxNewTokens, GenerationRequest.Text($"Request {request.Id}: prompt ({request.Prompt.Count}) plus new tokens ({request.MaxNewTokens}) exceed the model's context of {contextLength}; ask for at most {contextLength - request.Prompt.Count} new tokens."));
        }
    }

    private static void Validate(IGenerationEngine engine, IReadOnlyList<GenerationRequest> requests, GenerationPolicy policy)
    {
        if (requests.Count == 0)
        {
            throw new ArgumentException("There are no requests to serve; give at least one.", nameof(requests));
        }

        var seen = new HashSet<int>();
        foreach (var request in requests)
        {
            ArgumentNullException.ThrowIfNull(request, nameof(requests));
            if (!seen.Add(request.Id))
            {
                throw new ArgumentException(GenerationRequest.Text($"Two requests have id {request.Id}; ids key each sequence's state and must be unique."), nameof(requests));
            }

            CheckFits(request, engine.ContextLength);
        }

        if (policy is not GenerationPolicy.ContinuousPolicy continuous)
        {
            return;
        }

        if (continuous.MaxCachedTokens < engine.ContextLength)
        {
            throw new ArgumentOutOfRangeException("maxCachedTokens", continuous.MaxCachedTokens, GenerationRequest.Text(
                $"maxCachedTokens ({continuous.MaxCachedTokens}) is smaller than one sequence: it must be at least the model's context length, {engine.ContextLength}, so that a sequence running alone always fits."));
        }

        if (!continuous.ChunkedPrefill && continuous.MaxBatchedTokens < engine.ContextLength)
        {
            throw new ArgumentOutOfRangeException("maxBatchedTokens", continuous.MaxBatchedTokens, GenerationRequest.Text(
                $"maxBatchedTokens ({continuous.MaxBatchedTokens}) is smaller than one sequence: it must be at least the model's context length, {engine.ContextLength}, so that any prompt can be admitted (vLLM asks the same of max_num_batched_tokens without chunked prefill), or turn chunked prefill on."));
        }
    }

    // A request from its arrival to its last token. After a preemption it reads its prompt and the tokens it had generated again (recompute).
    private sealed class Sequence(GenerationRequest request)
    {
        public GenerationRequest Request { get; } = request;

        public int Slot { get; set; } = -1;

        public double Start { get; set; } = double.NaN;

        public List<int> Tokens { get; } = new(request.MaxNewTokens);

        public double FirstToken { get; set; }

        public double LastToken { get; set; }

        // What the engine reads before the sequence generates: the request, or after a preemption its prompt followed by its tokens so far.
        public GenerationRequest Reading { get; set; } = request;

        // Tokens of Reading read so far; the state (cache) the sequence holds is Read plus the tokens it has decoded since.
        public int Read { get; set; }

        public int Cached { get; set; }

        public bool Prefilled => Read >= Reading.Prompt.Count;

        public bool Recomputing => !ReferenceEquals(Reading, Request);

        public bool Done => Tokens.Count >= Request.MaxNewTokens;
    }

    // One pass's plan: the sequences decoded, the prompt chunks read (recomputed ones apart, so that their time is measured apart), the preemptions.
    private sealed record Plan(Sequence[] Decoding, List<(Sequence Sequence, PromptChunk Chunk)> Fresh, List<(Sequence Sequence, PromptChunk Chunk)> Recomputed, int Preempted)
    {
        public bool IsEmpty => Decoding.Length == 0 && Fresh.Count == 0 && Recomputed.Count == 0;
    }

    // The scheduler's own work runs once per step beside a forward pass of a fraction of a millisecond, so it is written as plain loops over
    // lists kept from step to step: no LINQ, no per-step sets or closures (bench reports its share of step time, with a 5 % target).
    private sealed class Session(IGenerationEngine engine, IReadOnlyList<GenerationRequest> requests, GenerationPolicy policy, GenerationClock clock)
    {
        private readonly List<GenerationRequest> _order = requests.OrderBy(r => r.ArrivalSeconds).ThenBy(r => r.Id).ToList();
        private readonly List<Sequence> _waiting = [];
        private readonly List<Sequence> _active = [];
        private readonly int[] _slots = Enumerable.Repeat(-1, policy.Slots).ToArray();
        private readonly GenerationPolicy.ContinuousPolicy? _continuous = policy as GenerationPolicy.ContinuousPolicy;
        private readonly List<GeneratedRequest> _done = [];
        private readonly List<GenerationStep> _steps = [];

        // Kept between steps: the sequences that produced a token in this step, and those that leave after it.
        private readonly List<Sequence> _produced = [];
        private readonly List<Sequence> _leaving = [];
        private int _next;
        private int _cached;

        public GenerationRun Run()
        {
            var time = clock.Start();
            while (_done.Count < _order.Count)
            {
                var decisionStart = Stopwatch.GetTimestamp();
                var now = time.Now;
                while (_next < _order.Count && _order[_next].ArrivalSeconds <= now)
                {
                    _waiting.Add(new Sequence(_order[_next++]));
                }

                var plan = _continuous is { } continuous ? PlanContinuous(continuous, now) : PlanRequestLevel(now);
                if (plan.IsEmpty)
                {
                    time.WaitUntil(NextEvent());
                    continue;
                }

                Step(time, decisionStart, now, plan);
            }

            _done.Sort((a, b) => a.Id.CompareTo(b.Id));
            return new GenerationRun(policy, clock, _done, _steps);
        }

        // One engine step: read the planned prompt chunks and decode one token for every decoding sequence, then the bookkeeping and the step's record.
        private void Step(GenerationClock.Running time, long decisionStart, double now, Plan plan)
        {
            var decodingIds = Ids(plan.Decoding);
            var computeStart = Stopwatch.GetTimestamp();
            var recomputed = Prefill(plan.Recomputed);
            var recomputeEnd = Stopwatch.GetTimestamp();
            var first = Prefill(plan.Fresh);
            var next = decodingIds.Length > 0 ? engine.Decode(decodingIds) : [];
            var bookkeepingStart = Stopwatch.GetTimestamp();

            var slotRequests = new int[_slots.Length];
            Array.Fill(slotRequests, -1);
            _produced.Clear();
            Extend(plan.Decoding, next, slotRequests);
            var useful = _produced.Count;
            var (recomputedTokens, recomputedPadded) = Read(plan.Recomputed, recomputed, now, slotRequests);
            var (promptTokens, paddedPrompt) = Read(plan.Fresh, first, now, slotRequests);
            var held = _cached;
            Leave();
            var schedulerTicks = computeStart - decisionStart + Stopwatch.GetTimestamp() - bookkeepingStart;

            // The step ends here, after the scheduler's bookkeeping, so that on the wall clock consecutive steps leave no unaccounted gap.
            time.StepDone(Stopwatch.GetElapsedTime(decisionStart).TotalSeconds, decodingIds.Length, paddedPrompt + recomputedPadded);
            var end = time.Now;

            // Recording what left is scheduler work too, though it follows the step's end: it counts in the scheduler's time, not in the step's.
            var recordStart = Stopwatch.GetTimestamp();
            RecordTimes(end);
            schedulerTicks += Stopwatch.GetTimestamp() - recordStart;
            var engineSeconds = Stopwatch.GetElapsedTime(computeStart, bookkeepingStart).TotalSeconds;
            _steps.Add(new GenerationStep(_steps.Count, now, end - now, decodingIds.Length, useful, _produced.Count - useful, promptTokens + recomputedTokens,
                paddedPrompt + recomputedPadded, (double)schedulerTicks / Stopwatch.Frequency, engineSeconds, slotRequests)
            {
                PreemptedSequences = plan.Preempted,
                CachedTokens = held,
                RecomputedTokens = recomputedTokens,
                RecomputeSeconds = Stopwatch.GetElapsedTime(computeStart, recomputeEnd).TotalSeconds,
            });
        }

        private static int[] Ids(Sequence[] sequences)
        {
            var ids = new int[sequences.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = sequences[i].Request.Id;
            }

            return ids;
        }

        private IReadOnlyList<int> Prefill(List<(Sequence Sequence, PromptChunk Chunk)> chunks)
        {
            if (chunks.Count == 0)
            {
                return [];
            }

            var batch = new PromptChunk[chunks.Count];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = chunks[i].Chunk;
            }

            return engine.PrefillChunks(batch);
        }

        // Every sequence that produced a token got it at the step's end (for a sequence's first token, its time to first token); the leaving ones are done.
        private void RecordTimes(double end)
        {
            foreach (var sequence in _produced)
            {
                sequence.LastToken = end;
                if (sequence.Tokens.Count == 1)
                {
                    sequence.FirstToken = end;
                }
            }

            foreach (var sequence in _leaving)
            {
                _done.Add(new GeneratedRequest(sequence.Request.Id, sequence.Request.Prompt.Count, sequence.Tokens, sequence.Slot, sequence.Request.ArrivalSeconds,
                    sequence.Start, sequence.FirstToken, sequence.LastToken, end));
            }
        }

        // Each decoded sequence read one more token; an unfinished one keeps the token it produced (a finished one was decoded only as padding).
        private void Extend(Sequence[] decoding, IReadOnlyList<int> next, int[] slotRequests)
        {
            for (var i = 0; i < decoding.Length; i++)
            {
                var sequence = decoding[i];
                sequence.Cached++;
                _cached++;
                if (!sequence.Done)
                {
                    sequence.Tokens.Add(next[i]);
                    slotRequests[sequence.Slot] = sequence.Request.Id;
                    _produced.Add(sequence);
                }
            }
        }

        // Each chunk was read into its sequence's state; a chunk that ended the reading produced the sequence's next token. Returns the chunks' tokens, and padded.
        private (int Tokens, int Padded) Read(List<(Sequence Sequence, PromptChunk Chunk)> chunks, IReadOnlyList<int> next, double now, int[] slotRequests)
        {
            var (tokens, longest) = (0, 0);
            for (var i = 0; i < chunks.Count; i++)
            {
                var (sequence, chunk) = chunks[i];
                (sequence.Read, sequence.Cached, _cached) = (sequence.Read + chunk.Count, sequence.Cached + chunk.Count, _cached + chunk.Count);
                (tokens, longest) = (tokens + chunk.Count, Math.Max(longest, chunk.Count));
                slotRequests[sequence.Slot] = sequence.Request.Id;
                if (chunk.EndsPrompt)
                {
                    sequence.Tokens.Add(next[i]);
                    _produced.Add(sequence);
                }
            }

            return (tokens, chunks.Count * longest);
        }

        // Finished sequences leave: each at once under continuous batching; otherwise the whole batch, when its last sequence finishes.
        private void Leave()
        {
            _leaving.Clear();
            var allDone = true;
            foreach (var sequence in _active)
            {
                allDone &= sequence.Done;
            }

            var kept = 0;
            for (var i = 0; i < _active.Count; i++)
            {
                var sequence = _active[i];
                if (_continuous is not null ? sequence.Done : allDone)
                {
                    Free(sequence);
                    _leaving.Add(sequence);
                }
                else
                {
                    _active[kept++] = sequence;
                }
            }

            _active.RemoveRange(kept, _active.Count - kept);
        }

        private void Free(Sequence sequence)
        {
            engine.Release(sequence.Request.Id);
            _slots[sequence.Slot] = -1;
            _cached -= sequence.Cached;
            sequence.Cached = 0;
        }

        // Static, dynamic and one-at-a-time batches: whole prompts, admitted only into an empty batch; every member is decoded until the batch leaves.
        private Plan PlanRequestLevel(double now)
        {
            var decoding = _active.ToArray();
            var take = policy switch
            {
                GenerationPolicy.OneAtATimePolicy when _active.Count == 0 => Math.Min(1, _waiting.Count),
                GenerationPolicy.StaticPolicy fixedSize when _active.Count == 0 =>
                    _waiting.Count >= fixedSize.BatchSize ? fixedSize.BatchSize : _next == _order.Count ? _waiting.Count : 0,
                GenerationPolicy.DynamicPolicy dynamic when _active.Count == 0 && _waiting.Count > 0 =>
                    _waiting.Count >= dynamic.MaxBatchSize ? dynamic.MaxBatchSize : now >= _waiting[0].Request.ArrivalSeconds + dynamic.MaxDelay.TotalSeconds ? _waiting.Count : 0,
                _ => 0,
            };

            var fresh = new List<(Sequence, PromptChunk)>(take);
            for (var i = 0; i < take; i++)
            {
                fresh.Add((Admit(now), PromptChunk.Whole(_waiting[0].Reading)));
                _waiting.RemoveAt(0);
            }

            return new Plan(decoding, fresh, [], 0);
        }

        // Continuous batching: the running sequences that have read their prompt decode one token each; if their cache entries do not fit, the most
        // recently admitted ones are preempted first (vLLM's order). Then, within the token budget and the free cache, running sequences continue
        // reading their prompts in chunks, and (in a step without preemption) waiting ones join, first come, first served.
        private Plan PlanContinuous(GenerationPolicy.ContinuousPolicy continuous, double now)
        {
            var preempted = 0;
            var cache = continuous.MaxCachedTokens ?? int.MaxValue;
            var decodingCount = DecodingCount(); // counted once; a preempted sequence that was decoding leaves the count
            while (_active.Count > 1 && (long)_cached + decodingCount > cache)
            {
                var victim = _active[^1];
                decodingCount -= victim.Prefilled ? 1 : 0;
                Preempt(victim);
                preempted++;
            }

            var decoding = Decoding();
            var room = new Room(continuous.MaxBatchedTokens - decoding.Length, cache - _cached - decoding.Length, continuous.ChunkedPrefill);
            var (fresh, recomputed) = (new List<(Sequence, PromptChunk)>(), new List<(Sequence, PromptChunk)>());
            foreach (var sequence in _active)
            {
                if (!sequence.Prefilled && room.Take(sequence) is { } chunk)
                {
                    (sequence.Recomputing ? recomputed : fresh).Add((sequence, chunk));
                }
            }

            while (preempted == 0 && _waiting.Count > 0 && _active.Count < continuous.MaxRunningSequences && room.Take(_waiting[0]) is { } next)
            {
                (_waiting[0].Recomputing ? recomputed : fresh).Add((Admit(now), next));
                _waiting.RemoveAt(0);
            }

            return new Plan(decoding, fresh, recomputed, preempted);
        }

        // What is left of a pass's token budget and of the free cache, handed out chunk by chunk. A sequence reads only when the rest of its
        // prompt fits in the free cache, which is then kept for it: two half-read prompts can never hold the cache between them and stall.
        private sealed class Room(int tokens, long cache, bool chunked)
        {
            public PromptChunk? Take(Sequence sequence)
            {
                var rest = sequence.Reading.Prompt.Count - sequence.Read;
                var count = chunked ? Math.Min(rest, tokens) : rest;
                if (count < 1 || count > tokens || rest > cache)
                {
                    return null;
                }

                (tokens, cache) = (tokens - count, cache - rest);
                return new PromptChunk(sequence.Reading, sequence.Read, count);
            }
        }

        private int DecodingCount()
        {
            var count = 0;
            foreach (var sequence in _active)
            {
                count += sequence.Prefilled ? 1 : 0;
            }

            return count;
        }

        private Sequence[] Decoding()
        {
            var decoding = new Sequence[DecodingCount()];
            var at = 0;
            foreach (var sequence in _active)
            {
                if (sequence.Prefilled)
                {
                    decoding[at++] = sequence;
                }
            }

            return decoding;
        }

        // The sequence drops its state and waits first in line, to read its prompt and the tokens it had generated again when it is readmitted.
        private void Preempt(Sequence sequence)
        {
            Free(sequence);
            sequence.Slot = -1;
            _active.Remove(sequence);
            sequence.Reading = new GenerationRequest(sequence.Request.Id, [.. sequence.Request.Prompt, .. sequence.Tokens], sequence.Request.MaxNewTokens - sequence.Tokens.Count, sequence.Request.ArrivalSeconds);
            sequence.Read = 0;
            _waiting.Insert(0, sequence);
        }

        // The first waiting sequence takes a free slot and runs (its start is its first admission: a preemption does not reset it).
        private Sequence Admit(double now)
        {
            var sequence = _waiting[0];
            sequence.Slot = Array.IndexOf(_slots, -1);
            _slots[sequence.Slot] = sequence.Request.Id;
            sequence.Start = double.IsNaN(sequence.Start) ? now : sequence.Start;
            _active.Add(sequence);
            return sequence;
        }

        private double NextEvent()
        {
            var wake = _next < _order.Count ? _order[_next].ArrivalSeconds : double.PositiveInfinity;
            if (policy is GenerationPolicy.DynamicPolicy dynamic && _waiting.Count > 0)
            {
                wake = Math.Min(wake, _waiting[0].Request.ArrivalSeconds + dynamic.MaxDelay.TotalSeconds);
            }

            return double.IsFinite(wake) ? wake : throw new InvalidOperationException($"The scheduler is stuck: {_waiting.Count} requests wait, none runs and none will arrive.");
        }
    }
}
