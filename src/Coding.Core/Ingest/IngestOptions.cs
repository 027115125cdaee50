using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Ingest;

public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Longest note accepted, in UTF-16 chars. Real discharge summaries stay well under 200k; a 5 MB blob is an upstream fault.</summary>
    [Range(1_000, 4_000_000)]
    public int MaxNoteChars { get; set; } = 500_000;

    /// <summary>Earliest date of service accepted: ICD-10-CM took effect in the US on 2015-10-01.</summary>
    public DateOnly EarliestDateOfService { get; set; } = new(2015, 10, 1);

    [Range(1, 5_000)]
    public int BatchSize { get; set; } = 250;
}
