using System.Diagnostics;

namespace BatchLearning.Generation;

/// <summary>
/// Serves a trace of generation requests on an engine under a batching policy, one forward pass (step) at a time, and records every step and request.
/// Before each step it admits waiting requests as the policy allows; the step prefills the admitted prompts (each gets its first token) and decodes
/// one token for every running sequence; then finished sequences leave (at once under continuous batching, with their whole batch otherwise).
/// </summary>
public static class GenerationScheduler
{
    /// <summary>Runs <paramref name="requests"/> through <paramref name="engine"/> under <paramref name="policy"/>, timed by <paramref name="clock"/>.</summary>
    /// <exception cref="ArgumentException">No requests, two with the same id, or a prompt longer than the context (the message names the request).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A request's prompt plus new tokens exceed the context, or a continuous policy's token budget is below the context length.</exception>
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

        if (policy is GenerationPolicy.ContinuousPolicy continuous && continuous.MaxBatchedTokens < engine.ContextLength)
        {
            throw new ArgumentOutOfRangeException("maxBatchedTokens", continuous.MaxBatchedTokens, GenerationRequest.Text(
                $"maxBatchedTokens ({continuous.MaxBatchedTokens}) is smaller than one sequence: it must be at least the model's context length, {engine.ContextLength}, so that any prompt can be admitted (vLLM asks the same of max_num_batched_tokens)."));
        }
    }

    private sealed class Sequence(GenerationRequest request, int slot, double start)
    {
        public GenerationRequest Request { get; } = request;

        public int Slot { get; } = slot;

        public double Start { get; } = start;

        public List<int> Tokens { get; } = new(request.MaxNewTokens);

        public double FirstToken { get; set; }

        public double LastToken { get; set; }

        public bool Done => Tokens.Count >= Request.MaxNewTokens;
    }

    // The scheduler's own work runs once per step beside a forward pass of a fraction of a millisecond, so it is written as plain loops over
    // lists kept from step to step: no LINQ, no per-step sets or closures (bench reports its share of step time, with a 5 % target).
    private sealed class Session(IGenerationEngine engine, IReadOnlyList<GenerationRequest> requests, GenerationPolicy policy, GenerationClock clock)
    {
        private readonly List<GenerationRequest> _order = requests.OrderBy(r => r.ArrivalSeconds).ThenBy(r => r.Id).ToList();
        private readonly List<GenerationRequest> _waiting = [];
        private readonly List<Sequence> _active = [];
        private readonly int[] _slots = Enumerable.Repeat(-1, policy.Slots).ToArray();
        private readonly bool _continuous = policy is GenerationPolicy.ContinuousPolicy;
        private readonly List<GeneratedRequest> _done = [];
        private readonly List<GenerationStep> _steps = [];

        // Kept between steps: the sequences that produced a token in this step, and those that leave after it.
        private readonly List<Sequence> _produced = [];
        private readonly List<Sequence> _leaving = [];
        private int _next;

        public GenerationRun Run()
        {
            var time = clock.Start();
            while (_done.Count < _order.Count)
            {
                var decisionStart = Stopwatch.GetTimestamp();
                var now = time.Now;
                while (_next < _order.Count && _order[_next].ArrivalSeconds <= now)
                {
                    _waiting.Add(_order[_next++]);
                }

                var admitted = Admit(now);
                if (_active.Count == 0 && admitted.Length == 0)
                {
                    time.WaitUntil(NextEvent());
                    continue;
                }

                Step(time, decisionStart, now, admitted);
            }

            _done.Sort((a, b) => a.Id.CompareTo(b.Id));
            return new GenerationRun(policy, clock, _done, _steps);
        }

        // One engine step: prefill the admitted requests and decode one token for every active sequence, then the bookkeeping and the step's record.
        private void Step(GenerationClock.Running time, long decisionStart, double now, GenerationRequest[] admitted)
        {
            var decodingIds = DecodingIds();
            var computeStart = Stopwatch.GetTimestamp();
            var first = admitted.Length > 0 ? engine.Prefill(admitted) : [];
            var next = decodingIds.Length > 0 ? engine.Decode(decodingIds) : [];
            var bookkeepingStart = Stopwatch.GetTimestamp();

            var slotRequests = new int[_slots.Length];
            Array.Fill(slotRequests, -1);
            _produced.Clear();
            Extend(decodingIds.Length, next, slotRequests);
            var useful = _produced.Count;
            Join(admitted, first, now, slotRequests);
            var (promptTokens, paddedPrompt) = PromptTokens(admitted);
            Leave();
            var schedulerTicks = computeStart - decisionStart + Stopwatch.GetTimestamp() - bookkeepingStart;

            // The step ends here, after the scheduler's bookkeeping, so that on the wall clock consecutive steps leave no unaccounted gap.
            time.StepDone(Stopwatch.GetElapsedTime(decisionStart).TotalSeconds, decodingIds.Length, paddedPrompt);
            var end = time.Now;

            // Recording what left is scheduler work too, though it follows the step's end: it counts in the scheduler's time, not in the step's.
            var recordStart = Stopwatch.GetTimestamp();
            RecordTimes(useful, end);
            schedulerTicks += Stopwatch.GetTimestamp() - recordStart;
            var engineSeconds = Stopwatch.GetElapsedTime(computeStart, bookkeepingStart).TotalSeconds;
            _steps.Add(new GenerationStep(_steps.Count, now, end - now, decodingIds.Length, useful, admitted.Length, promptTokens, paddedPrompt,
                (double)schedulerTicks / Stopwatch.Frequency, engineSeconds, slotRequests));
        }

        // The pass decodes every active sequence (request-level batches keep finished ones as padding rows): their ids, in order.
        private int[] DecodingIds()
        {
            var ids = new int[_active.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = _active[i].Request.Id;
            }

            return ids;
        }

        private static (int Tokens, int Padded) PromptTokens(GenerationRequest[] admitted)
        {
            var (tokens, longest) = (0, 0);
            foreach (var request in admitted)
            {
                tokens += request.Prompt.Count;
                longest = Math.Max(longest, request.Prompt.Count);
            }

            return (tokens, admitted.Length * longest);
        }

        // Every sequence that produced a token got it at the step's end (the joined ones, after the first useful ones, their first token);
        // the sequences that left are done.
        private void RecordTimes(int joinedFrom, double end)
        {
            for (var i = 0; i < _produced.Count; i++)
            {
                _produced[i].LastToken = end;
                if (i >= joinedFrom)
                {
                    _produced[i].FirstToken = end;
                }
            }

            foreach (var sequence in _leaving)
            {
                _done.Add(new GeneratedRequest(sequence.Request.Id, sequence.Request.Prompt.Count, sequence.Tokens, sequence.Slot, sequence.Request.ArrivalSeconds,
                    sequence.Start, sequence.FirstToken, sequence.LastToken, end));
            }
        }

        // Adds the decoded token to every unfinished sequence of the pass, the first `decoded` active ones (new sequences join after them;
        // finished ones were decoded only as padding), and marks it as producing.
        private void Extend(int decoded, IReadOnlyList<int> next, int[] slotRequests)
        {
            for (var i = 0; i < decoded; i++)
            {
                var sequence = _active[i];
                if (!sequence.Done)
                {
                    sequence.Tokens.Add(next[i]);
                    slotRequests[sequence.Slot] = sequence.Request.Id;
                    _produced.Add(sequence);
                }
            }
        }

        // Starts a sequence in a free slot for every admitted request, with its first token from the prefill.
        private void Join(GenerationRequest[] admitted, IReadOnlyList<int> first, double now, int[] slotRequests)
        {
            for (var i = 0; i < admitted.Length; i++)
            {
                var sequence = new Sequence(admitted[i], TakeSlot(admitted[i].Id), now);
                sequence.Tokens.Add(first[i]);
                slotRequests[sequence.Slot] = sequence.Request.Id;
                _active.Add(sequence);
                _produced.Add(sequence);
            }
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
                if (_continuous ? sequence.Done : allDone)
                {
                    engine.Release(sequence.Request.Id);
                    _slots[sequence.Slot] = -1;
                    _leaving.Add(sequence);
                }
                else
                {
                    _active[kept++] = sequence;
                }
            }

            _active.RemoveRange(kept, _active.Count - kept);
        }

        private GenerationRequest[] Admit(double now)
        {
            var take = 0;
            switch (policy)
            {
                case GenerationPolicy.ContinuousPolicy continuous:
                    var tokens = _active.Count;
                    while (take < _waiting.Count && _active.Count + take < continuous.MaxRunningSequences && tokens + _waiting[take].Prompt.Count <= continuous.MaxBatchedTokens)
                    {
                        tokens += _waiting[take++].Prompt.Count;
                    }

                    break;
                case GenerationPolicy.OneAtATimePolicy when _active.Count == 0:
                    take = Math.Min(1, _waiting.Count);
                    break;
                case GenerationPolicy.StaticPolicy fixedSize when _active.Count == 0:
                    take = _waiting.Count >= fixedSize.BatchSize ? fixedSize.BatchSize : _next == _order.Count ? _waiting.Count : 0;
                    break;
                case GenerationPolicy.DynamicPolicy dynamic when _active.Count == 0 && _waiting.Count > 0:
                    take = _waiting.Count >= dynamic.MaxBatchSize ? dynamic.MaxBatchSize
                        : now >= _waiting[0].ArrivalSeconds + dynamic.MaxDelay.TotalSeconds ? _waiting.Count : 0;
                    break;
            }

            if (take == 0)
            {
                return [];
            }

            var admitted = new GenerationRequest[take];
            _waiting.CopyTo(0, admitted, 0, take);
            _waiting.RemoveRange(0, take);
            return admitted;
        }

        private double NextEvent()
        {
            var wake = _next < _order.Count ? _order[_next].ArrivalSeconds : double.PositiveInfinity;
            if (policy is GenerationPolicy.DynamicPolicy dynamic && _waiting.Count > 0)
            {
                wake = Math.Min(wake, _waiting[0].ArrivalSeconds + dynamic.MaxDelay.TotalSeconds);
            }

            return double.IsFinite(wake) ? wake : throw new InvalidOperationException($"The scheduler is stuck: {_waiting.Count} requests wait, none runs and none will arrive.");
        }

        private int TakeSlot(int id)
        {
            var slot = Array.IndexOf(_slots, -1);
            _slots[slot] = id;
            return slot;
        }
    }
}
