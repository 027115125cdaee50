namespace Coding.Core.Evaluation;

/// <summary>Builds the gold shape the metrics take, and normalises both sides the same way before comparing.</summary>
public static class EvaluationInputs
{
    /// <summary>doc → set of codes from (doc, code) rows; duplicates collapse, as the official script drops them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> GoldFromRows(IEnumerable<(string Document, string Code)> rows)
    {
        var gold = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (document, code) in rows)
        {
            if (!gold.TryGetValue(document, out var codes))
                gold[document] = codes = new HashSet<string>(StringComparer.Ordinal);
            codes.Add(CodeKey.Normalize(code));
        }
        return gold.ToDictionary(e => e.Key, e => (IReadOnlySet<string>)e.Value, StringComparer.Ordinal);
    }

    internal static HashSet<string> GoldKeys(IReadOnlySet<string> codes, CodeGranularity granularity)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
            keys.Add(CodeKey.At(code, granularity));
        return keys;
    }

    internal static HashSet<string>? ValidKeys(IEnumerable<string>? validCodes) =>
        validCodes?.Select(CodeKey.Match).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The ranked, de-duplicated keys of one document's predictions, in list order (the list is the ranking; scores
    /// break nothing): invalid codes dropped first, then repeats dropped keeping the first (best-ranked) occurrence —
    /// the order the official CodiEsp script applies (drop_duplicates keep='first', then the valid-code filter; the
    /// result is the same either way).
    /// </summary>
    internal static List<ScoredCode> Ranked(IReadOnlyList<ScoredCode>? predictions, CodeGranularity granularity, HashSet<string>? validKeys, double? minScore = null)
    {
        var ranked = new List<ScoredCode>(predictions?.Count ?? 0);
        if (predictions is null)
            return ranked;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prediction in predictions)
        {
            if (minScore is { } min && prediction.Score < min)
                continue;
            if (validKeys is not null && !validKeys.Contains(CodeKey.Match(prediction.Code)))
                continue;
            var key = CodeKey.At(prediction.Code, granularity);
            if (seen.Add(key))
                ranked.Add(prediction with { Code = key });
        }
        return ranked;
    }
}
