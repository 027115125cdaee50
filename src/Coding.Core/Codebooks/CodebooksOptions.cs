using System.ComponentModel.DataAnnotations;
using Coding.Core.Codebooks.Embeddings;

namespace Coding.Core.Codebooks;

public sealed class CodebooksOptions : IValidatableObject
{
    public const string Section = "Codebooks";

    /// <summary>Folder holding icd10cm-YYYY/, icd10pcs-YYYY/, hcpcs-YYYY/ ...; when empty, see <see cref="CodebookSources.ResolveRoot"/>.</summary>
    public string? SourceRoot { get; set; }

    public EmbedderOptions Embedder { get; set; } = new();

    /// <summary>
    /// HNSW graph degree and build beam: pgvector's default degree, a lower beam (default 64). The build is the largest
    /// part of the import on 2 cores (~190k vectors: ~20-30 s at 16/40). 12/32 built faster but its graphs, which vary
    /// from build to build with parallel workers, lost an obvious neighbour often enough to flip the query set.
    /// </summary>
    [Range(4, 64)]
    public int HnswM { get; set; } = 16;

    [Range(16, 400)]
    public int HnswEfConstruction { get; set; } = 40;

    /// <summary>
    /// Query beam; the search re-ranks exact distances over what the index returns. The hashing embedder's space is
    /// crowded with near-equal distances, so a narrow beam misses close vectors, and which ones depends on the graph that
    /// one import happened to build: at 64, "shortness of breath" lost R06.02 from the top 5 on one fresh import and
    /// R06.00 on another. 200 finds what an exact scan finds on the query set for ~1.6 ms more per search.
    /// </summary>
    [Range(10, 1000)]
    public int HnswEfSearch { get; set; } = 200;

    /// <summary>Memory for one index build. HNSW builds that do not fit fall back to a much slower on-disk build.</summary>
    [RegularExpression(@"^\d+(kB|MB|GB)$")]
    public string IndexBuildMemory { get; set; } = "1GB";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var nested = new List<ValidationResult>();
        Validator.TryValidateObject(Embedder, new ValidationContext(Embedder), nested, validateAllProperties: true);
        foreach (var r in nested) yield return new ValidationResult($"Embedder: {r.ErrorMessage}", r.MemberNames);
        if (!string.IsNullOrEmpty(SourceRoot) && !Directory.Exists(SourceRoot))
            yield return new ValidationResult($"Codebooks:SourceRoot '{SourceRoot}' does not exist", [nameof(SourceRoot)]);
    }
}
