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
    public static LearningRateSchedule WarmUp(int updates, LearningRateSchedule? then = null) => new WarmUpSchedule(updates, then ?? Constant);

    /// <summary>The rate multiplied by <paramref name="factor"/> every <paramref name="every"/> updates (step decay).</summary>
    public static LearningRateSchedule StepDecay(int every, double factor = 0.1) => new StepDecaySchedule(every, factor);

    /// <summary>Half a cosine from the base rate down to <paramref name="floor"/> x base at update <paramref name="updates"/>, then flat.</summary>
    public static LearningRateSchedule Cosine(int updates, double floor = 0) => new CosineSchedule(updates, floor);

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
                throw new ArgumentOutOfRangeException(nameof(Updates), Updates, "Warm-up updates must be at least 1.");
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
                throw new ArgumentOutOfRangeException(nameof(Every), Every, "Step decay needs every >= 1 update.");
            }

            if (!(DecayFactor > 0 && DecayFactor <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(DecayFactor), DecayFactor, "Step decay factor must be above 0 and at most 1, for example 0.1.");
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
                throw new ArgumentOutOfRangeException(nameof(Updates), Updates, "Cosine decay needs at least 1 update.");
            }

            if (!(Floor >= 0 && Floor <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(Floor), Floor, "Cosine floor must be from 0 to 1.");
            }
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cosine over {Updates} updates");
    }
}
