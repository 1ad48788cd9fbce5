using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchLearning.Email;

/// <summary>Emails as JSON Lines (one JSON object per line), the inbox format: reading checks every field and says what is wrong.</summary>
public static class EmailJson
{
    /// <summary>
    /// The serializer settings used for inboxes and results: camelCase names, categories as text; a line that names a field twice
    /// (two "id" keys) is refused, not read with the last value.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowDuplicateProperties = false,
    };

    /// <summary>One email as one line of JSON (no line break inside).</summary>
    public static string ToLine(EmailMessage email) => JsonSerializer.Serialize(email, Options);

    /// <summary>Parses one inbox line.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="email">The email, when the line is valid.</param>
    /// <param name="problem">Why it is not, when it is not: for example "not JSON: ..." or "missing field 'subject'".</param>
    public static bool TryParse(string line, out EmailMessage? email, out string? problem)
    {
        email = null;
        if (string.IsNullOrWhiteSpace(line))
        {
            problem = "empty line";
            return false;
        }

        try
        {
            email = JsonSerializer.Deserialize<EmailMessage>(line, Options);
        }
        catch (JsonException error)
        {
            problem = "not a valid email JSON object: " + error.Message;
            return false;
        }

        problem = email switch
        {
            null => "the line is JSON null, not an email object",
            { Id: null or "" } => "missing field 'id'",
            { Sender: null } => "missing field 'sender'",
            { Subject: null } => "missing field 'subject'",
            { Body: null } => "missing field 'body'",
            { ReceivedAt: var at } when at == default => "missing field 'receivedAt'",
            _ => null,
        };
        if (problem is not null)
        {
            email = null;
            return false;
        }

        return true;
    }
}
