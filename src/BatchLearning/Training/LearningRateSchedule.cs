using System.Globalization;

namespace BatchLearning.Training;

/// <summary>
/// How the learning rate changes over training, as a factor of the base rate at each update (counted from 1).
/// Schedules are plain records: <c>LearningRateSchedule.WarmUp(100, LearningRateSchedule.Cosine(1000))</c>.
/// </summary>
public abstract record LearningRateSchedule
{
    private LearningRateSchedule()
    {
    }

    /// <summary>The factor applied to the base learning rate at <paramref name="update"/> (1 = the first update).</summary>
    public abstract double Factor(int update);

    /// <summary>Checks the schedule's settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range.</exception>
    public virtual void Validate()
    {
    }

    /// <summary>The base rate throughout (the default).</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>A linear ramp from base/<paramref name="updates"/> up to the base rate over the first <paramref name="updates"/> updates, then <paramref name="then"/> (constant when omitted).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="updates"/> is below 1.</exception>
    public static LearningRateSchedule WarmUp(int updates, LearningRateSchedule? then = null)
    {
        var schedule = new WarmUpSchedule(updates, then ?? Constant);
        schedule.Validate();
        return schedule;
    }

    /// <summary>The rate multiplied by <paramref name="factor"/> every <paramref name="every"/> updates (step decay).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="every"/> is below 1, or <paramref name="factor"/> is not above 0 and at most 1.</exception>
    public static LearningRateSchedule StepDecay(int every, double factor = 0.1)
    {
        var schedule = new StepDecaySchedule(every, factor);
        schedule.Validate();
        return schedule;
    }

    /// <summary>Half a cosine from the base rate down to <paramref name="floor"/> x base at update <paramref name="updates"/>, then flat.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="updates"/> is below 1, or <paramref name="floor"/> is not from 0 to 1.</exception>
    public static LearningRateSchedule Cosine(int updates, double floor = 0)
    {
        var schedule = new CosineSchedule(updates, floor);
        schedule.Validate();
        return schedule;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record ConstantSchedule : LearningRateSchedule
    {
        public override double Factor(int update) => 1;

        public override string ToString() => "constant";
    }

    private sealed record WarmUpSchedule(int Updates, LearningRateSchedule Then) : LearningRateSchedule
    {
        public override double Factor(int update) => update <= Updates ? (double)update / Updates : Then.Factor(update - Updates);

        public override void Validate()
        {
            if (Updates < 1)
            {
                throw new ArgumentOutOfRangeException("updates", Updates, Text($"Warm-up updates must be at least 1; got {Updates}."));
            }

            Then.Validate();
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"warm-up {Updates}, then {Then}");
    }

    private sealed record StepDecaySchedule(int Every, double DecayFactor) : LearningRateSchedule
    {
        public override double Factor(int update) => Math.Pow(DecayFactor, (update - 1) / Every);

        public override void Validate()
        {
            if (Every < 1)
            {
                throw new ArgumentOutOfRangeException("every", Every, Text($"Step decay's every must be at least 1 update; got {Every}."));
            }

            if (!(DecayFactor > 0 && DecayFactor <= 1))
            {
                throw new ArgumentOutOfRangeException("factor", DecayFactor, Text($"Step decay's factor must be above 0 and at most 1, for example 0.1; got {DecayFactor}."));
            }
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"x{DecayFactor} every {Every} updates");
    }

    private sealed record CosineSchedule(int Updates, double Floor) : LearningRateSchedule
    {
        public override double Factor(int update)
        {
            var progress = Math.Min(1.0, (update - 1) / (double)Updates);
            return Floor + (1 - Floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
        }

        public override void Validate()
        {
            if (Updates < 1)
            {
                throw new ArgumentOutOfRangeException("updates", Updates, Text($"Cosine decay's updates must be at least 1; got {Updates}."));
            }

            if (!(Floor >= 0 && Floor <= 1))
            {
                throw new ArgumentOutOfRangeException("floor", Floor, Text($"Cosine decay's floor must be from 0 to 1; got {Floor}."));
            }
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cosine over {Updates} updates");
    }
}
