namespace Coding.Core.Severity;

public enum SeverityTier
{
    WithoutCcMcc,
    WithCc,
    WithMcc,
}

/// <summary>One code's severity in its encounter.</summary>
/// <param name="Level">The code's CC/MCC level in appendix C, null when it is neither.</param>
/// <param name="CountsAsCcMcc">False for the principal itself and for a CC/MCC its principal excludes.</param>
/// <param name="ExcludedBy">The principal diagnosis whose PDX collection excludes this code.</param>
/// <param name="Hccs">The V28 HCCs this code maps to that survive the hierarchies across the encounter.</param>
/// <param name="HccsTrumped">The HCCs this code maps to that a higher HCC of the same encounter drops.</param>
public sealed record CodeSeverity(
    string Code,
    CcMccLevel? Level,
    bool CountsAsCcMcc,
    bool IsPrincipal,
    string? ExcludedBy,
    bool DischargedAliveOnly,
    IReadOnlyList<int> Hccs,
    IReadOnlyList<int> HccsTrumped);

public sealed record HccCaptured(int Hcc, string Label, double? Factor, IReadOnlyList<string> Codes);

/// <summary>An encounter's severity: the MS-DRG tier its secondary diagnoses give, and the HCCs it captures.</summary>
public sealed record EncounterSeverity(
    SeverityTier Tier,
    IReadOnlyList<HccCaptured> Hccs,
    IReadOnlyList<CodeSeverity> Codes,
    string? CcMccRelease,
    string? HccRelease)
{
    public static string TierLabel(SeverityTier tier) => tier switch
    {
        SeverityTier.WithMcc => "with MCC",
        SeverityTier.WithCc => "with CC",
        _ => "without CC/MCC",
    };
}

/// <summary>
/// The CMS severity lists in memory, and the one function that grades an encounter's codes against them. Pure: the
/// same codes and principal give the same answer, which is what the agreement test holds against the CMS files.
/// Either half may be missing (a release not imported); that half then flags nothing.
/// </summary>
public sealed class SeverityTable
{
    private readonly Dictionary<string, CcMccEntry> _ccMcc;
    private readonly Dictionary<int, HashSet<string>> _collections;
    private readonly Dictionary<string, int[]> _hccs;
    private readonly Dictionary<int, int[]> _parents;
    private readonly IReadOnlyDictionary<int, HccLabel> _labels;

    public SeverityTable(AppendixC? appendixC, HccModel? hcc, string? ccMccRelease = null, string? hccRelease = null)
    {
        _ccMcc = appendixC?.Entries.ToDictionary(e => e.Code, StringComparer.Ordinal) ?? [];
        _collections = appendixC?.Collections.ToDictionary(c => c.Key, c => c.Value.ToHashSet(StringComparer.Ordinal)) ?? [];
        _hccs = hcc?.Mappings.GroupBy(m => m.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(m => m.Hcc).Order().ToArray())
            ?? [];
        _parents = hcc?.Hierarchies.GroupBy(h => h.Child).ToDictionary(g => g.Key, g => g.Select(h => h.Parent).ToArray()) ?? [];
        _labels = hcc?.Labels ?? new Dictionary<int, HccLabel>();
        CcMccRelease = appendixC is null ? null : ccMccRelease;
        HccRelease = hcc is null ? null : hccRelease;
    }

    public string? CcMccRelease { get; }
    public string? HccRelease { get; }

    public CcMccEntry? CcMcc(string code) => _ccMcc.GetValueOrDefault(Normalize(code));

    /// <summary>
    /// Grades codes listed in claim order. <paramref name="principal"/> is the principal (inpatient) or first-listed
    /// diagnosis; a CC/MCC whose PDX collection holds it does not count (appendix C part 1). Part 2 codes count as MCC:
    /// the discharge status is not known here, so they are flagged for the coder instead.
    /// </summary>
    public EncounterSeverity Grade(IReadOnlyList<string> codes, string? principal)
    {
        var normalized = codes.Select(Normalize).Distinct(StringComparer.Ordinal).ToList();
        var lead = principal is null ? null : Normalize(principal);
        var all = normalized.SelectMany(c => _hccs.GetValueOrDefault(c) ?? []).ToHashSet();
        bool Trumped(int hcc) => _parents.TryGetValue(hcc, out var parents) && parents.Any(all.Contains);

        var graded = new List<CodeSeverity>(normalized.Count);
        foreach (var code in normalized)
        {
            var entry = _ccMcc.GetValueOrDefault(code);
            var isPrincipal = code == lead;
            string? excludedBy = null;
            if (entry?.PdxCollection is { } id && lead is not null && !isPrincipal && _collections.TryGetValue(id, out var excluded)
                && excluded.Contains(lead))
                excludedBy = lead;
            var mapped = _hccs.GetValueOrDefault(code) ?? [];
            graded.Add(new CodeSeverity(code, entry?.Level, entry is not null && !isPrincipal && excludedBy is null, isPrincipal, excludedBy,
                entry?.DischargedAliveOnly ?? false, mapped.Where(h => !Trumped(h)).ToList(), mapped.Where(Trumped).ToList()));
        }

        var tier = graded.Where(g => g.CountsAsCcMcc).Select(g => g.Level).Max() switch
        {
            CcMccLevel.Mcc => SeverityTier.WithMcc,
            CcMccLevel.Cc => SeverityTier.WithCc,
            _ => SeverityTier.WithoutCcMcc,
        };
        var captured = graded.SelectMany(g => g.Hccs.Select(h => (Hcc: h, g.Code))).GroupBy(x => x.Hcc).OrderBy(g => g.Key)
            .Select(g => new HccCaptured(g.Key, _labels.GetValueOrDefault(g.Key)?.Label ?? "", _labels.GetValueOrDefault(g.Key)?.Factor,
                g.Select(x => x.Code).ToList()))
            .ToList();
        return new EncounterSeverity(tier, captured, graded, CcMccRelease, HccRelease);
    }

    public static string Normalize(string code) => code.Replace(".", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
}
