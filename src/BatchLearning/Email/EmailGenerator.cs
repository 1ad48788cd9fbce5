using System.Globalization;

namespace BatchLearning.Email;

/// <summary>
/// A seeded generator of synthetic, realistic-looking emails in five categories, with senders, subjects and bodies drawn from per-category
/// phrase lists, mixed with phrases of other categories now and then (so the task is not trivial), and arrival times that follow a working day: quiet at night,
/// busy in office hours, personal mail in the evening. Nothing here is real mail; the same seed gives the same emails.
/// </summary>
public static class EmailGenerator
{
    // Share of a day's mail arriving in each hour, by category (relative weights; 24 per category).
    private static readonly double[] OfficeHours = [0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 2, 4, 5, 5, 4.5, 3, 4.5, 5, 4.5, 4, 2.5, 1.2, 0.8, 0.6, 0.5, 0.3, 0.2];
    private static readonly double[] Evening = [0.5, 0.3, 0.2, 0.1, 0.1, 0.2, 0.6, 1.2, 1.2, 1, 1, 1.2, 1.8, 1.2, 1, 1, 1.2, 1.8, 2.5, 3.5, 3.5, 3, 2, 1];
    private static readonly double[] AllDay = [1, 1, 1, 1, 1, 1, 1.2, 1.5, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1.8, 1.5, 1.5, 1.2, 1, 1];

    private sealed record Style(EmailCategory Category, double Share, double[] Hours, string[] Senders, string[] Subjects, string[] Openings, string[] Details, string[] Closings);

    private static readonly Style[] Styles =
    [
        new(EmailCategory.Work, 0.35, OfficeHours,
            ["{name}@contoso.example", "{name}.{surname}@contoso.example", "team-{topic}@contoso.example", "calendar@contoso.example"],
            ["Agenda for the {topic} review", "Re: {topic} status update", "Meeting moved to {day}", "Q{quarter} {topic} numbers", "Action items from {day}'s meeting", "Draft {topic} proposal for review", "Can you review the {topic} document?"],
            ["Hi {first}, please find the {topic} figures attached.", "Following up on our meeting on {day} about the {topic} project.", "The {topic} review is now scheduled for {day} at {hour}:00.", "Could you update the {topic} slides before the deadline?"],
            ["The budget for Q{quarter} is still open.", "Please add your comments to the shared document.", "We need a decision on the timeline by {day}.", "I have booked the meeting room for an hour.", "The client asked for the report by end of week.", "Let me know if the new plan works for your team."],
            ["Thanks, {sender}", "Best regards, {sender}", "Cheers, {sender}"]),
        new(EmailCategory.Personal, 0.15, Evening,
            ["{name}@mailbox.example", "{name}{number}@inbox.example", "mum@family.example", "{name}.{surname}@home.example"],
            ["Dinner on {day}?", "Photos from the weekend", "Happy birthday!", "Are you free on {day}?", "Re: holiday plans", "The kids say hello"],
            ["Hey {first}! It was so good to see you last weekend.", "Hi love, are we still on for dinner on {day}?", "Happy birthday! Hope you have a wonderful day.", "Just wanted to send you the photos from the lake."],
            ["Bring the kids if you like, we will cook.", "Let me know what time suits you.", "Grandma asked about you again.", "We should plan the summer holiday soon.", "Call me when you have a minute."],
            ["Love, {sender}", "See you soon! {sender}", "Hugs, {sender}"]),
        new(EmailCategory.Promotions, 0.25, AllDay,
            ["deals@{shop}.example", "newsletter@{shop}.example", "offers@{shop}.example", "hello@{shop}.example"],
            ["{percent}% off everything this weekend", "Your {day} deals are here", "New arrivals you will love", "Last chance: sale ends {day}", "Members save {percent}% today", "Free shipping on orders over ${price}"],
            ["Don't miss our biggest sale of the season.", "Our new collection has just arrived.", "As a valued member you get early access.", "Treat yourself this {day} with our exclusive offers."],
            ["Use code SAVE{percent} at checkout.", "Prices from ${price}, while stocks last.", "Free delivery on all orders this week.", "Unsubscribe at any time from your account page.", "The offer is valid until {day} midnight."],
            ["The {shop} team", "Happy shopping! {shop}"]),
        new(EmailCategory.Spam, 0.15, AllDay,
            ["winner{number}@prize-notice.example", "security@acc0unt-verify.example", "{name}{number}@freemail.example", "noreply@lottery-{number}.example"],
            ["You have won ${price},000!!!", "URGENT: verify your account now", "Claim your free prize today", "Your payment of ${price} is on hold", "Congratulations, you were selected", "Final notice: account suspended"],
            ["Dear customer, your account has been selected for a cash prize.", "We detected unusual activity, verify your password immediately.", "Congratulations!!! You are our lucky winner this {day}.", "To release your payment we need your bank details."],
            ["Click the link below within 24 hours to claim.", "Send a processing fee of ${price} to receive your funds.", "Failure to act will suspend your account.", "This is not a scam, reply with your details.", "Limited time offer, act now!!!"],
            ["Claims department", "Security team", "Mr. {surname}, transfer agent"]),
        new(EmailCategory.Support, 0.10, OfficeHours,
            ["{name}.{surname}@customer.example", "{name}@{shop}.example", "it-{name}@client.example", "{name}{number}@inbox.example"],
            ["Problem with order #{number}", "Cannot log in to my account", "Refund request for order #{number}", "Invoice #{number} is wrong", "Help: the app crashes on {day}", "Question about my subscription"],
            ["Hello, I ordered item #{number} last week and it has not arrived.", "Since {day} I cannot log in, the password reset does not work.", "I was charged twice for order #{number}, please refund one payment.", "The app crashes every time I open the {topic} page."],
            ["Could you please look into this as soon as possible?", "My customer number is {number}.", "I attached a screenshot of the error message.", "I have already tried reinstalling the app.", "Please tell me when I can expect a reply."],
            ["Kind regards, {sender}", "Thanks in advance, {sender}", "{sender}"]),
    ];

    // The new kind of spam of an EmailDrift: none of its words appear in the styles above, so a classifier trained before it never saw them.
    private static readonly Style DriftedSpam = new(EmailCategory.Spam, 0, AllDay,
        ["{name}{number}@coinvault.example", "airdrop@tokenmint.example", "yield{number}@stakepool.example", "wallet-sync@chainbridge.example"],
        ["Bitcoin airdrop: {number} tokens reserved", "Staking rewards of {percent}% unlocked", "Your crypto wallet needs syncing", "Exclusive presale: memecoin launch", "Blockchain mining profits guaranteed"],
        ["Greetings investor, a new memecoin presale opens soon.", "Your wallet qualifies for a bitcoin airdrop of {number} tokens.", "Our mining algorithm doubles deposits every week.", "Connect your wallet to synchronise pending staking rewards."],
        ["Deposit ethereum to whitelist your address.", "Returns of {percent}% weekly are guaranteed by smart contracts.", "Enter your seed phrase to verify ownership.", "Liquidity pools are nearly full, hodl now.", "Early holders earn mooning yields."],
        ["Crypto desk", "Tokenomics committee", "Satoshi {surname}, blockchain adviser"]);

    private static readonly string[] FirstNames = ["anna", "ben", "carla", "david", "emma", "felix", "grace", "hugo", "ines", "jonas", "kate", "liam", "mia", "noah", "olga", "paul"];
    private static readonly string[] Surnames = ["smith", "garcia", "muller", "rossi", "dubois", "novak", "kim", "silva", "jensen", "okafor"];
    private static readonly string[] Topics = ["budget", "roadmap", "hiring", "marketing", "migration", "security", "pricing", "launch", "onboarding", "analytics"];
    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] Shops = ["shoply", "megastore", "fashionhub", "techdeals", "homegoods", "bookcorner"];

    /// <summary>The share of each category in generated mail.</summary>
    public static IReadOnlyDictionary<EmailCategory, double> CategoryShares { get; } = Styles.ToDictionary(s => s.Category, s => s.Share);

    /// <summary>One day of mail: <paramref name="count"/> emails arriving on <paramref name="day"/> (UTC), in arrival order, following the daily pattern.</summary>
    /// <param name="count">Emails in the day, from 1 to 10,000,000.</param>
    /// <param name="day">The date.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="firstId">The number of the first id ("e-000001" by default).</param>
    /// <param name="drift">
    /// Optional shift of the mix: each email arriving after its start is, with the drift's share at that moment, the new kind of spam
    /// instead of what it would have been. Null (the default) gives exactly the mail of earlier versions.
    /// </param>
    public static IReadOnlyList<EmailMessage> Day(int count, DateOnly day, long seed, int firstId = 1, EmailDrift? drift = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 10_000_000);
        drift?.Validate();
        var random = new Random(unchecked((int)(seed * 7919 + 17)));
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var emails = Enumerable.Range(0, count).Select(_ =>
        {
            var style = Pick(random);
            var hour = Hour(random, style.Hours);
            var at = start.AddHours(hour + random.NextDouble());
            // Drawn only with a drift, so mail without one is unchanged, seed for seed.
            if (drift is not null && random.NextDouble() < drift.ShareAt(at))
            {
                style = DriftedSpam;
            }

            return (Style: style, At: at);
        }).OrderBy(e => e.At).ToList();
        return emails.Select((e, i) => Compose(random, e.Style, e.At, firstId + i)).ToList();
    }

    /// <summary><paramref name="count"/> emails spread over <paramref name="days"/> consecutive days from <paramref name="firstDay"/> (for training sets).</summary>
    /// <param name="count">Emails in all, at least <paramref name="days"/>.</param>
    /// <param name="firstDay">The first date.</param>
    /// <param name="days">Days, at least 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="drift">Optional shift of the mix over the days (see <see cref="Day"/>); null (the default) gives the mail of earlier versions.</param>
    public static IReadOnlyList<EmailMessage> SeveralDays(int count, DateOnly firstDay, int days, long seed, EmailDrift? drift = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, days);
        var perDay = count / days;
        return Enumerable.Range(0, days)
            .SelectMany(d => Day(d == days - 1 ? count - perDay * (days - 1) : perDay, firstDay.AddDays(d), seed * 1000 + d, firstId: 1 + d * perDay, drift: drift))
            .ToList();
    }

    /// <summary>
    /// <paramref name="email"/> with a log of <paramref name="lines"/> lines pasted under its body ("Forwarded log:", one warning a second from 09:00:00),
    /// the kind of email that holds more than a small model reads at once.
    /// </summary>
    /// <param name="email">The email.</param>
    /// <param name="lines">Log lines to paste, 1 to 86,400.</param>
    public static EmailMessage WithPastedLog(EmailMessage email, int lines)
    {
        ArgumentNullException.ThrowIfNull(email);
        Guard.InRange(lines, 1, 86_400, nameof(lines));
        var start = new TimeOnly(9, 0);
        var log = string.Join("\n", Enumerable.Range(0, lines).Select(i => start.Add(TimeSpan.FromSeconds(i)).ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " WARN /data full"));
        return email with { Body = email.Body + "\n\nForwarded log:\n" + log };
    }

    private static Style Pick(Random random)
    {
        var roll = random.NextDouble();
        foreach (var style in Styles)
        {
            roll -= style.Share;
            if (roll < 0)
            {
                return style;
            }
        }

        return Styles[^1];
    }

    private static int Hour(Random random, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var hour = 0; hour < 24; hour++)
        {
            roll -= weights[hour];
            if (roll < 0)
            {
                return hour;
            }
        }

        return 23;
    }

    private static EmailMessage Compose(Random random, Style style, DateTimeOffset at, int number)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var surname = Surnames[random.Next(Surnames.Length)];
        var senderName = FirstNames[random.Next(FirstNames.Length)];
        string Fill(string template) => template
            .Replace("{name}", senderName, StringComparison.Ordinal)
            .Replace("{surname}", surname, StringComparison.Ordinal)
            .Replace("{first}", Capitalise(first), StringComparison.Ordinal)
            .Replace("{sender}", Capitalise(senderName), StringComparison.Ordinal)
            .Replace("{topic}", Topics[random.Next(Topics.Length)], StringComparison.Ordinal)
            .Replace("{day}", Weekdays[random.Next(Weekdays.Length)], StringComparison.Ordinal)
            .Replace("{shop}", Shops[random.Next(Shops.Length)], StringComparison.Ordinal)
            .Replace("{number}", random.Next(100, 99_999).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{percent}", (10 * random.Next(1, 8)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{price}", random.Next(5, 500).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{quarter}", random.Next(1, 5).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{hour}", random.Next(8, 18).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // Real mail is not tidy: a quarter of the detail sentences, a fifth of openings and senders, and one subject in seven come from a random category's phrases,
        // so the classifier has to weigh the evidence (and sometimes gets it wrong).
        Style Other() => Styles[random.Next(Styles.Length)];
        var details = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => random.NextDouble() < 0.25 ? Other().Details : style.Details)
            .Select(list => Fill(list[random.Next(list.Length)]));
        var subjects = random.NextDouble() < 1.0 / 7 ? Other().Subjects : style.Subjects;
        var openings = random.NextDouble() < 0.2 ? Other().Openings : style.Openings;
        var senders = random.NextDouble() < 0.2 ? Other().Senders : style.Senders;
        var body = string.Join(" ", new[] { Fill(openings[random.Next(openings.Length)]) }.Concat(details).Append(Fill(style.Closings[random.Next(style.Closings.Length)])));
        return new EmailMessage(
            string.Create(CultureInfo.InvariantCulture, $"e-{number:D6}"),
            at,
            Fill(senders[random.Next(senders.Length)]),
            Fill(subjects[random.Next(subjects.Length)]),
            body,
            style.Category);
    }

    private static string Capitalise(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
