using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Evaluation.Runs;

/// <summary>
/// The gold sets a CDI user may evaluate, by name. The browser picks a name from this list; a path never comes from
/// a request. Relative paths are resolved against the repository root (the folder holding Coding.sln) when there
/// is one, else the working directory.
/// </summary>
public sealed class GoldSetOptions
{
    public const string Section = "Cdi";

    public List<GoldSetEntry> GoldSets { get; set; } = [];

    /// <summary>Documents per committed batch: a resumed run redoes at most this many.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 25;

    /// <summary>A Running run whose heartbeat is older than this is taken over (its host died) and resumed.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the job looks for queued or abandoned runs (a new run is also started at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public GoldSetEntry? Find(string name) => GoldSets.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.Ordinal));
}

public sealed class GoldSetEntry
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9._-]{0,63}$")]
    public string Name { get; set; } = "";

    /// <summary>codiesp (a split folder) or jsonl (our gold format, eval/README.md).</summary>
    [Required, RegularExpression("^(codiesp|jsonl)$")]
    public string Kind { get; set; } = "";

    [Required]
    public string Path { get; set; } = "";

    /// <summary>
    /// The coding policy the set was annotated under: <c>Findings</c> for CodiEsp (every finding coded), the configured
    /// Engine:Policy for JSONL sets unless given (US claims gold: <c>Claims</c>).
    /// </summary>
    public Suggestions.CodingPolicy? Policy { get; set; }

    public Suggestions.CodingPolicy PolicyOr(Suggestions.CodingPolicy configured) =>
        Policy ?? (string.Equals(Kind, "codiesp", StringComparison.OrdinalIgnoreCase) ? Suggestions.CodingPolicy.Findings : configured);

    /// <summary>CodiEsp only: en or es.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Date of service every document is coded at (gold sets carry none); picks the codebook release.</summary>
    public DateOnly DateOfService { get; set; } = new(2026, 3, 1);

    /// <summary>Care setting the documents are coded in (uncertain diagnoses are coded for inpatients only).</summary>
    public Encounters.CareSetting Setting { get; set; } = Encounters.CareSetting.Inpatient;

    public string? Description { get; set; }
}
