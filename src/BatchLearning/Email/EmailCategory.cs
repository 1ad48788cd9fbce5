namespace BatchLearning.Email;

/// <summary>The classes the course's email classifier sorts mail into.</summary>
public enum EmailCategory
{
    /// <summary>Colleagues, meetings, projects.</summary>
    Work,

    /// <summary>Friends and family.</summary>
    Personal,

    /// <summary>Newsletters, offers and sales.</summary>
    Promotions,

    /// <summary>Unsolicited mail, scams.</summary>
    Spam,

    /// <summary>Customers asking for help.</summary>
    Support,
}
