namespace Coding.Core.Suggestions;

/// <summary>A coder's decision on a suggestion. Kept as history: a later decision adds a row, it does not overwrite.</summary>
public class Review
{
    public Guid Id { get; set; }
    public Guid EncounterId { get; set; }
    public Guid SuggestionId { get; set; }
    public required string Reviewer { get; set; }
    public ReviewAction Action { get; set; }

    /// <summary>From a fixed list (e.g. "not-documented", "negated", "less-specific").</summary>
    public string? ReasonCode { get; set; }

    public string? ReplacementCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ReviewAction
{
    Accept,
    Reject,
    Modify,
    Add,
}
