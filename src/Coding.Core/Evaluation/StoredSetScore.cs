using Coding.Core.Suggestions;

namespace Coding.Core.Evaluation;

/// <summary>One stored ICD-10-CM suggestion as scoring reads it: the code and its place on the claim.</summary>
public readonly record struct StoredCode(string Code, DiagnosisRole Role = DiagnosisRole.Secondary);

/// <summary>
/// The suggestion sets stored for a run's encounters against a gold set, matched by external id: what `coding demo`
/// prints after coding the samples. Unlike `coding eval`, nothing is re-run: the codes are those the workers stored.
/// The universe is the gold notes that have an encounter in the run (a key of the stored codes, an empty list when its
/// set holds nothing); gold notes outside the run are only counted, so a demo on other samples scores what it coded.
/// ICD-10-CM only, compared as <see cref="CodingMetrics.Classification"/> does: full code (injury and external-cause
/// codes without their encounter character, <see cref="CodeKey"/>) and strict (every character).
/// </summary>
public sealed record StoredSetScore(
    StoredSetTally All,
    IReadOnlyList<StoredSetTally> Settings,
    IReadOnlyList<StoredNoteScore> Notes,
    int GoldNotesNotInRun,
    int RunNotesNotInGold)
{
    /// <param name="gold">The gold documents; their ICD-10-CM codes and lead are compared.</param>
    /// <param name="stored">External id → the run's stored ICD-10-CM codes of that encounter, in rank order.</param>
    public static StoredSetScore Of(IReadOnlyList<GoldDocument> gold, IReadOnlyDictionary<string, IReadOnlyList<StoredCode>> stored)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(stored);
        var inRun = gold.Where(d => stored.ContainsKey(d.ExternalId)).ToList();
        var goldSet = GoldJsonl.ToGoldSet(inRun);
        var predictions = inRun.ToDictionary(d => d.ExternalId,
            d => (IReadOnlyList<ScoredCode>)stored[d.ExternalId].Select(c => new ScoredCode(c.Code, 1)).ToList(), StringComparer.Ordinal);
        var notes = inRun.Select(d => Note(d, goldSet, predictions, stored[d.ExternalId])).ToList();
        var settings = notes.GroupBy(n => n.Setting, StringComparer.Ordinal)
            .OrderBy(g => SettingOrder(g.Key))
            .Select(g => Tally(g.Key, g.ToList(), goldSet, predictions))
            .ToList();
        var goldIds = gold.Select(d => d.ExternalId).ToHashSet(StringComparer.Ordinal);
        return new StoredSetScore(Tally("all", notes, goldSet, predictions), settings, notes,
            gold.Count - inRun.Count, stored.Keys.Count(id => !goldIds.Contains(id)));
    }

    private static StoredNoteScore Note(GoldDocument document, IReadOnlyDictionary<string, IReadOnlySet<string>> goldSet,
        IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> predictions, IReadOnlyList<StoredCode> stored)
    {
        var id = document.ExternalId;
        var one = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal) { [id] = goldSet[id] };
        var full = CodingMetrics.Classification(one, predictions, CodeGranularity.Full).Micro;
        var strict = CodingMetrics.Classification(one, predictions, CodeGranularity.Exact).Micro;
        var goldKeys = goldSet[id].Select(CodeKey.Match).ToHashSet(StringComparer.Ordinal);
        var storedKeys = stored.Select(c => CodeKey.Match(c.Code)).ToHashSet(StringComparer.Ordinal);
        var missed = goldSet[id].Where(c => !storedKeys.Contains(CodeKey.Match(c))).DistinctBy(CodeKey.Match).ToList();
        var extra = stored.Select(c => CodeKey.Normalize(c.Code)).Where(c => !goldKeys.Contains(CodeKey.Match(c)))
            .DistinctBy(CodeKey.Match).ToList();
        var goldLead = document.Lead is { } l && string.Equals(l.System, GoldJsonl.Icd10Cm, StringComparison.OrdinalIgnoreCase)
            ? l.Code
            : null;
        var lead = stored.Where(c => c.Role != DiagnosisRole.Secondary).Select(c => CodeKey.Normalize(c.Code)).FirstOrDefault();
        return new StoredNoteScore(id, SettingName(document.Setting), full, strict, missed, extra, goldLead, lead,
            stored.Count, goldSet[id].Count);
    }

    private static StoredSetTally Tally(string setting, IReadOnlyList<StoredNoteScore> notes,
        IReadOnlyDictionary<string, IReadOnlySet<string>> goldSet, IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> predictions)
    {
        var ids = notes.Select(n => n.ExternalId).ToHashSet(StringComparer.Ordinal);
        var gold = goldSet.Where(e => ids.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        return new StoredSetTally(setting, notes.Count,
            CodingMetrics.Classification(gold, predictions, CodeGranularity.Full).Micro,
            CodingMetrics.Classification(gold, predictions, CodeGranularity.Exact).Micro,
            notes.Count(n => n.LeadCorrect == true), notes.Count(n => n.GoldLead is not null),
            notes.Sum(n => n.Suggestions), notes.Sum(n => n.GoldCodes));
    }

    /// <summary>
    /// The gold's setting (it codes observation and professional notes as outpatient); "unspecified" when it names none.
    /// </summary>
    private static string SettingName(Encounters.CareSetting? setting) => setting?.ToString().ToLowerInvariant() ?? "unspecified";

    private static int SettingOrder(string setting) =>
        Enum.TryParse<Encounters.CareSetting>(setting, ignoreCase: true, out var s) ? (int)s : int.MaxValue;
}

/// <summary>
/// Micro counts over a group of notes (full code and strict), how many principal / first-listed suggestions are the
/// gold's of the notes whose gold names one, and suggestion and gold code counts.
/// </summary>
public sealed record StoredSetTally(string Setting, int Notes, ConfusionCounts Full, ConfusionCounts Strict, int LeadCorrect, int LeadGold,
    int Suggestions, int GoldCodes)
{
    public double? LeadAccuracy => LeadGold == 0 ? null : (double)LeadCorrect / LeadGold;
    public double SuggestionsPerNote => Notes == 0 ? 0 : (double)Suggestions / Notes;
    public double GoldCodesPerNote => Notes == 0 ? 0 : (double)GoldCodes / Notes;
}

/// <summary>
/// One note: its counts, the gold codes not stored (<see cref="Missed"/>, as the gold writes them) and the stored codes not in
/// the gold (<see cref="Extra"/>), both compared at full code, and the lead on each side. Codes only, never note text.
/// </summary>
public sealed record StoredNoteScore(string ExternalId, string Setting, ConfusionCounts Full, ConfusionCounts Strict,
    IReadOnlyList<string> Missed, IReadOnlyList<string> Extra, string? GoldLead, string? Lead, int Suggestions, int GoldCodes)
{
    /// <summary>
    /// Whether the stored lead is the gold's, every character compared (as `coding eval` scores it); null when the gold names
    /// none. A note whose gold names one and whose set leads with nothing counts as wrong.
    /// </summary>
    public bool? LeadCorrect => GoldLead is null ? null : Lead is not null && CodeKey.Exact(Lead) == CodeKey.Exact(GoldLead);
}
