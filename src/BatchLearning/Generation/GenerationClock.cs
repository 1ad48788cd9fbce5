using System.Diagnostics;

namespace BatchLearning.Generation;

/// <summary>What time means in a <see cref="GenerationScheduler"/> run.</summary>
public abstract record GenerationClock
{
    private GenerationClock()
    {
    }

    /// <summary>
    /// The wall clock: requests arrive at their real times (the scheduler sleeps until the next arrival) and every step takes as long as it takes,
    /// scheduler and model together. With a real model this is the measured run.
    /// </summary>
    public static GenerationClock Real { get; } = new RealClock();

    /// <summary>
    /// A virtual clock that advances by each step's measured wall time (scheduler and model) and jumps over idle gaps instead of sleeping through them:
    /// the real model's costs without waiting for the trace's quiet moments.
    /// </summary>
    public static GenerationClock MeasuredSteps { get; } = new MeasuredStepsClock();

    /// <summary>A virtual clock that advances by <paramref name="cost"/>'s time for each step: the simulator (with <see cref="SimulatedEngine"/>).</summary>
    public static GenerationClock Modeled(StepCostModel cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        // Each cost is checked (finite, from 0) when the StepCostModel is made.
        if (cost.Seconds(1, 0) <= 0 || cost.Seconds(0, 1) <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cost), cost, "A step must cost some time: give a decode step (FixedSeconds + PerSequenceSeconds) and a prefill step (PrefillFixedSeconds + PerPromptTokenSeconds) more than 0 seconds.");
        }

        return new ModeledClock(cost);
    }

    /// <summary>A short name for tables.</summary>
    public abstract string Name { get; }

    internal abstract Running Start();

    internal abstract class Running
    {
        public abstract double Now { get; }

        public abstract void WaitUntil(double seconds);

        public abstract void StepDone(double measuredSeconds, int decodeSequences, int paddedPromptTokens);
    }

    private sealed record RealClock : GenerationClock
    {
        public override string Name => "real";

        internal override Running Start() => new Wall();

        private sealed class Wall : Running
        {
            private readonly Stopwatch _watch = Stopwatch.StartNew();

            public override double Now => _watch.Elapsed.TotalSeconds;

            public override void WaitUntil(double seconds)
            {
                var gap = seconds - Now;
                if (gap > 0.002)
                {
                    Thread.Sleep(TimeSpan.FromSeconds(gap - 0.001));
                }

                while (Now < seconds)
                {
                    Thread.SpinWait(50);
                }
            }

            public override void StepDone(double measuredSeconds, int decodeSequences, int paddedPromptTokens)
            {
            }
        }
    }

    private sealed record MeasuredStepsClock : GenerationClock
    {
        public override string Name => "measured steps";

        internal override Running Start() => new Virtual(null);
    }

    private sealed record ModeledClock(StepCostModel Cost) : GenerationClock
    {
        public override string Name => "modeled";

        internal override Running Start() => new Virtual(Cost);
    }

    private sealed class Virtual(StepCostModel? cost) : Running
    {
        private double _now;

        public override double Now => _now;

        public override void WaitUntil(double seconds) => _now = Math.Max(_now, seconds);

        public override void StepDone(double measuredSeconds, int decodeSequences, int paddedPromptTokens) =>
            _now += cost?.Seconds(decodeSequences, paddedPromptTokens) ?? measuredSeconds;
    }
}
