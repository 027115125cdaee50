namespace Coding.Core.Autonomy;

/// <param name="Encounters">Encounters with at least one suggestion.</param>
/// <param name="Autonomous">Those whose every suggestion clears its family's threshold.</param>
/// <param name="Codes">Suggestions on autonomous encounters; <paramref name="CorrectCodes"/>, those in the gold.</param>
/// <param name="AllCorrect">Autonomous encounters whose every suggestion is in the gold.</param>
public sealed record AutonomyResult(int Encounters, int Autonomous, int Codes, int CorrectCodes, int AllCorrect)
{
    public double Coverage => Encounters == 0 ? 0 : (double)Autonomous / Encounters;
    public double Precision => Codes == 0 ? 0 : (double)CorrectCodes / Codes;
}

/// <summary>
/// Whether an encounter may go out untouched: every suggestion's family is opted in for its setting (has a threshold)
/// and its confidence clears it, and nothing else holds it (an edit failure, a pending CDI query: the caller says).
/// </summary>
public static class AutonomyDecision
{
    public static bool Qualifies(IReadOnlyCollection<ScoredSuggestion> suggestions, IReadOnlyList<FamilyThreshold> thresholds, bool heldForOtherReasons = false)
    {
        if (heldForOtherReasons || suggestions.Count == 0) return false;
        return suggestions.All(s => thresholds.FirstOrDefault(t => t.Setting == s.Setting && t.Family == s.Family) is { } t && s.Confidence >= t.Threshold);
    }

    public static AutonomyResult Measure(IEnumerable<ScoredSuggestion> run, IReadOnlyList<FamilyThreshold> thresholds)
    {
        int encounters = 0, autonomous = 0, codes = 0, correct = 0, allCorrect = 0;
        foreach (var doc in run.GroupBy(s => s.Document))
        {
            var list = doc.ToList();
            encounters++;
            if (!Qualifies(list, thresholds)) continue;
            autonomous++;
            codes += list.Count;
            correct += list.Count(s => s.Correct);
            if (list.All(s => s.Correct)) allCorrect++;
        }
        return new AutonomyResult(encounters, autonomous, codes, correct, allCorrect);
    }

    /// <summary>Reads predictions.tsv as `coding eval` writes it, keeping the suggested rows (confidence at the engine's threshold).</summary>
    public static IReadOnlyList<ScoredSuggestion> ReadPredictions(string path)
    {
        var lines = File.ReadLines(path).ToList();
        var header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"{Path.GetFileName(path)}: no column {name}");
        int doc = Col("doc"), setting = Col("setting"), code = Col("code"), conf = Col("confidence"), suggested = Col("suggested"), gold = Col("gold");
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).Where(f => f[suggested] == "1")
            .Select(f => new ScoredSuggestion(f[doc], f[setting], f[code], double.Parse(f[conf], System.Globalization.CultureInfo.InvariantCulture), f[gold] == "1"))
            .ToList();
    }
}
