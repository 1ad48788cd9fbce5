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

        if (request.Prompt.Count + request.MaxNewTokens > contextLength)
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

        public List<int> Tokens { get; } = [];

        public double FirstToken { get; set; }

        public double LastToken { get; set; }

        public bool Done => Tokens.Count >= Request.MaxNewTokens;
    }

    private sealed class Session(IGenerationEngine engine, IReadOnlyList<GenerationRequest> requests, GenerationPolicy policy, GenerationClock clock)
    {
        private readonly List<GenerationRequest> _order = requests.OrderBy(r => r.ArrivalSeconds).ThenBy(r => r.Id).ToList();
        private readonly List<GenerationRequest> _waiting = [];
        private readonly List<Sequence> _active = [];
        private readonly int[] _slots = Enumerable.Repeat(-1, policy.Slots).ToArray();
        private readonly List<GeneratedRequest> _done = [];
        private readonly List<GenerationStep> _steps = [];
        private int _next;

        public GenerationRun Run()
        {
            var time = clock.Start();
            while (_done.Count < _order.Count)
            {
                var decision = Stopwatch.StartNew();
                var now = time.Now;
                while (_next < _order.Count && _order[_next].ArrivalSeconds <= now)
                {
                    _waiting.Add(_order[_next++]);
                }

                var admitted = Admit(now);
                if (_active.Count == 0 && admitted.Count == 0)
                {
                    time.WaitUntil(NextEvent());
                    continue;
                }

                Step(time, decision, now, admitted);
            }

            return new GenerationRun(policy, clock, _done.OrderBy(r => r.Id).ToList(), _steps);
        }

        // One engine step: prefill the admitted requests and decode one token for every active sequence, then the bookkeeping and the step's record.
        private void Step(GenerationClock.Running time, Stopwatch decision, double now, List<GenerationRequest> admitted)
        {
            var decoding = _active.ToList(); // request-level batches keep finished sequences as padding rows
            var schedulerSeconds = decision.Elapsed.TotalSeconds;
            var compute = Stopwatch.StartNew();
            var first = admitted.Count > 0 ? engine.Prefill(admitted) : [];
            var next = decoding.Count > 0 ? engine.Decode(decoding.Select(s => s.Request.Id).ToList()) : [];
            var engineSeconds = compute.Elapsed.TotalSeconds;
            var paddedPrompt = admitted.Count * (admitted.Count > 0 ? admitted.Max(r => r.Prompt.Count) : 0);
            var bookkeeping = Stopwatch.StartNew();
            var produced = Extend(decoding, next);
            var useful = produced.Count;
            var joined = Join(admitted, first, now);
            produced.AddRange(joined);
            var producing = produced.Select(s => s.Request.Id).ToHashSet();
            var slotRequests = _slots.Select(id => producing.Contains(id) ? id : -1).ToArray();
            var leaving = policy is GenerationPolicy.ContinuousPolicy ? _active.Where(s => s.Done).ToList()
                : _active.All(s => s.Done) ? _active.ToList() : [];
            schedulerSeconds += bookkeeping.Elapsed.TotalSeconds;

            // The step ends here, after the scheduler's bookkeeping, so that on the wall clock consecutive steps leave no unaccounted gap.
            time.StepDone(decision.Elapsed.TotalSeconds, decoding.Count, paddedPrompt);
            var end = time.Now;
            produced.ForEach(sequence => sequence.LastToken = end);
            joined.ForEach(sequence => sequence.FirstToken = end);
            Retire(leaving, end);
            _steps.Add(new GenerationStep(_steps.Count, now, end - now, decoding.Count, useful, admitted.Count, admitted.Sum(r => r.Prompt.Count), paddedPrompt, schedulerSeconds, engineSeconds, slotRequests));
        }

        // Adds the decoded token to every unfinished sequence; returns those sequences (finished ones decoded only as padding).
        private static List<Sequence> Extend(List<Sequence> decoding, IReadOnlyList<int> next)
        {
            var produced = decoding.Where(s => !s.Done).ToList();
            for (var i = 0; i < decoding.Count; i++)
            {
                if (!decoding[i].Done)
                {
                    decoding[i].Tokens.Add(next[i]);
                }
            }

            return produced;
        }

        // Starts a sequence in a free slot for every admitted request, with its first token from the prefill.
        private List<Sequence> Join(List<GenerationRequest> admitted, IReadOnlyList<int> first, double now)
        {
            var joined = admitted.Select((r, i) => new Sequence(r, TakeSlot(r.Id), now)).ToList();
            for (var i = 0; i < joined.Count; i++)
            {
                joined[i].Tokens.Add(first[i]);
            }

            _active.AddRange(joined);
            return joined;
        }

        private List<GenerationRequest> Admit(double now)
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

            var admitted = _waiting.Take(take).ToList();
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

        private void Retire(List<Sequence> leaving, double end)
        {
            foreach (var sequence in leaving)
            {
                engine.Release(sequence.Request.Id);
                _slots[sequence.Slot] = -1;
                _active.Remove(sequence);
                _done.Add(new GeneratedRequest(sequence.Request.Id, sequence.Request.Prompt.Count, sequence.Tokens, sequence.Slot, sequence.Request.ArrivalSeconds,
                    sequence.Start, sequence.FirstToken, sequence.LastToken, end));
            }
        }
    }
}
