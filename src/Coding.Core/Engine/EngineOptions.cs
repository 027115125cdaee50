using System.ComponentModel.DataAnnotations;
using Coding.Core.Engine.Dense;

namespace Coding.Core.Engine;

/// <summary>Engine settings (section <c>Engine</c>), validated on start.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary><c>deterministic</c> (default) or <c>none</c> (the placeholder that suggests nothing).</summary>
    [RegularExpression("^(deterministic|none)$")]
    public string Kind { get; set; } = "deterministic";

    /// <summary>Lowest confidence stored as a suggestion; null uses the threshold learned on train (best train F1).</summary>
    [Range(0.0, 1.0)]
    public double? MinConfidence { get; set; }

    /// <summary>
    /// <c>Claims</c> (default: what a US coder submits under the Official Guidelines) or <c>Findings</c> (every documented
    /// finding, as CodiEsp annotates). Chooses the priors and the guideline rules; recorded on every suggestion set.
    /// </summary>
    public Suggestions.CodingPolicy Policy { get; set; } = Suggestions.CodingPolicy.Claims;

    [Range(1, 200)]
    public int MaxSuggestions { get; set; } = 40;

    /// <summary>
    /// Dense retrieval as a candidate source: the note's phrases that no codebook words matched are searched in the term
    /// vectors (pgvector HNSW, one round trip per note). Eval, bench and the worker all read this, and the priors must be
    /// learned with the same setting (<c>coding eval learn</c> honours it), since the ranker learns what dense candidates are worth.
    /// </summary>
    public bool Dense { get; set; }

    /// <summary>Most phrases searched per note (each is one HNSW search inside the note's single statement).</summary>
    [Range(1, 64)]
    public int DenseMaxPhrases { get; set; } = DenseSettings.Default.MaxPhrases;

    /// <summary>Codes kept per phrase, nearest first.</summary>
    [Range(1, 20)]
    public int DenseTop { get; set; } = DenseSettings.Default.Top;

    /// <summary>Hits under this cosine similarity are dropped.</summary>
    [Range(0.0, 1.0)]
    public double DenseMinSimilarity { get; set; } = DenseSettings.Default.MinSimilarity;

    /// <summary>hnsw.ef_search for dense retrieval (the graph's search breadth: recall against CPU in the database).</summary>
    [Range(10, 400)]
    public int DenseEfSearch { get; set; } = 40;

    /// <summary><c>Unmatched</c> (default): only phrases no codebook words matched; <c>All</c>: every eligible phrase.</summary>
    public DenseScope DenseScope { get; set; } = DenseScope.Unmatched;

    /// <summary>Dense hits only support codes the words found (features), never add codes of their own.</summary>
    public bool DenseSupportOnly { get; set; }

    public DenseSettings DenseSettings => new(DenseMaxPhrases, DenseTop, DenseMinSimilarity, DenseScope, DenseSupportOnly);
}
