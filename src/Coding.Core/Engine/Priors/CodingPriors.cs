using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coding.Core.Engine.Priors;

/// <summary>How often a code (or a term) offered as a candidate was gold, counted over training documents.</summary>
public readonly record struct PriorCounts(int Candidates, int Hits);

/// <summary>
/// What the engine learned from the CodiEsp TRAIN split (never dev): per code and per matched term, how often being a
/// candidate meant being gold; how often each code is gold at all; and the ranking model fitted on train candidates.
/// Rates are smoothed towards the overall base rate (m-estimate), so a code seen once is not trusted as 0 or 1.
/// Persisted as <c>eval/priors/codiesp-train.json</c> and embedded in Coding.Core; `coding eval learn` rebuilds it.
/// </summary>
public sealed class CodingPriors
{
    /// <summary>Weight of the base rate in the m-estimate, in pseudo-observations.</summary>
    private const double Smoothing = 2;

    public const string ResourceName = "Coding.Core.Engine.Priors.codiesp-train.json";
    public const string ClaimsResourceName = "Coding.Core.Engine.Priors.usnotes-train.json";

    public string Source { get; init; } = "none";
    public int Documents { get; init; }
    public double BaseRate { get; init; } = 0.1;
    public Dictionary<string, PriorCounts> Codes { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, PriorCounts> Terms { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> GoldFrequency { get; init; } = new(StringComparer.Ordinal);
    public RankingWeights? Model { get; init; }

    /// <summary>Boosted trees over the same features; preferred to <see cref="Model"/> when present and current.</summary>
    public Ranking.BoostedTrees? Boosted { get; init; }

    /// <summary>Phrases training notes use for codes the codebook's words missed (see <see cref="LearnedTerms"/>).</summary>
    public List<LearnedTerm> Learned { get; init; } = [];

    public static CodingPriors Empty { get; } = new();

    public double CodeRate(string code) => Rate(Codes.GetValueOrDefault(code));

    public double TermRate(string termKey) => Rate(Terms.GetValueOrDefault(termKey));

    public bool Seen(string code) => Codes.ContainsKey(code);

    public int Gold(string code) => GoldFrequency.GetValueOrDefault(code);

    /// <summary>A term's identity across imports: its code and sorted required keys (database ids change).</summary>
    public static string TermKey(string code, IEnumerable<string> keys) => code + "|" + string.Join(' ', keys.Order(StringComparer.Ordinal));

    private double Rate(PriorCounts c) => (c.Hits + Smoothing * BaseRate) / (c.Candidates + Smoothing);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    public static CodingPriors Load(Stream stream) =>
        JsonSerializer.Deserialize<CodingPriors>(stream, Json) ?? throw new InvalidDataException("priors file is empty");

    /// <summary>The priors shipped with the build for the findings policy (learned from CodiEsp train), or <see cref="Empty"/>.</summary>
    public static CodingPriors Embedded() => Embedded(Suggestions.CodingPolicy.Findings);

    /// <summary>
    /// The priors shipped for a policy: <c>claims</c> learned from the US notes' train split (coded under the Official
    /// Guidelines), <c>findings</c> from CodiEsp train (every finding coded); <see cref="Empty"/> if none was embedded.
    /// </summary>
    public static CodingPriors Embedded(Suggestions.CodingPolicy policy)
    {
        using var stream = typeof(CodingPriors).Assembly.GetManifestResourceStream(policy == Suggestions.CodingPolicy.Claims ? ClaimsResourceName : ResourceName);
        return stream is null ? Empty : Load(stream);
    }
}

/// <summary>A logistic model over <see cref="Ranking.CandidateFeatures"/>, and the confidence from which a code is suggested.</summary>
public sealed record RankingWeights(string[] Features, double[] Weights, double Bias, double Threshold);
