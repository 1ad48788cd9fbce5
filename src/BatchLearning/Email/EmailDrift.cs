namespace BatchLearning.Email;

/// <summary>
/// A shift in the mix of mail over time, for watching a deployed classifier drift: from <paramref name="Start"/> on, a new kind of spam
/// (crypto "investment" scams, written with words the generator's other mail never uses, so a classifier trained before it has never seen them)
/// takes a share of the mail that grows by <paramref name="SharePerDay"/> per day, up to <paramref name="MaxShare"/>. These emails are labelled
/// <see cref="EmailCategory.Spam"/>. The share grows continuously, so a single simulated day already shows it rising hour by hour.
/// </summary>
/// <param name="Start">When the new spam starts (its share is 0 before).</param>
/// <param name="SharePerDay">How fast its share grows, from 0 to 1 per day; for example 0.5 reaches half the mail after one day.</param>
/// <param name="MaxShare">The largest share it reaches, from 0 to 1; defaults to 0.6.</param>
public sealed record EmailDrift(DateTimeOffset Start, double SharePerDay, double MaxShare = 0.6)
{
    /// <summary>The share of mail arriving at <paramref name="at"/> that is the new spam: 0 before <see cref="Start"/>, then growing to <see cref="MaxShare"/>.</summary>
    public double ShareAt(DateTimeOffset at) => at <= Start ? 0 : Math.Min(MaxShare, (at - Start).TotalDays * SharePerDay);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A share is outside 0 to 1, or not a finite number.</exception>
    public void Validate()
    {
        if (!double.IsFinite(SharePerDay) || SharePerDay is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SharePerDay), SharePerDay, $"SharePerDay must be from 0 to 1 per day; got {SharePerDay}.");
        }

        if (!double.IsFinite(MaxShare) || MaxShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxShare), MaxShare, $"MaxShare must be from 0 to 1; got {MaxShare}.");
        }
    }
}
