namespace Coding.Core.Suggestions;

/// <summary>
/// One engine run's output for one encounter. The database allows one set per encounter, so a redelivered or
/// re-driven message can never create a second one.
/// </summary>
public class SuggestionSet
{
    public Guid Id { get; set; }
    public Guid EncounterId { get; set; }

    /// <summary>The message that produced this set (traceability to the broker's delivery).</summary>
    public Guid SourceMessageId { get; set; }

    public required string Engine { get; set; }
    public required string EngineVersion { get; set; }

    /// <summary>The codebook release the codes were validated against, e.g. "ICD-10-CM FY2026"; empty when no codes were suggested.</summary>
    public required string CodebookVersion { get; set; }

    /// <summary>
    /// JSON provenance of the adjudication (backend, model hash or id, prompt and schema version, prompt hash,
    /// de-identified, fallback reason), or null when no adjudicator ran (Model:Backend=none). Never note text.
    /// </summary>
    public string? Adjudication { get; set; }

    /// <summary>
    /// The coding policy the engine followed (<see cref="EngineResult.Policy"/>). Sets stored before the column existed
    /// read as <see cref="CodingPolicy.Claims"/>, the configured default (migration ClaimRolesAndPoa).
    /// </summary>
    public CodingPolicy Policy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public List<Suggestion> Suggestions { get; set; } = [];
}
