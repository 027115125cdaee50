using Coding.Core.Engine.Priors;

namespace Coding.Core.Evaluation.CodiEsp;

/// <summary>What a CodiEsp train split adds to learning beyond codes per document: where each code was read.</summary>
public static class CodiEspTraining
{
    /// <summary>
    /// doc → diagnosis code key → English line ranges holding its evidence, or null when the split lacks the Spanish
    /// originals or the X file (the learner then counts phrases per document). Every document gets an entry, even one
    /// whose codes could not be placed, so the learner counts per sentence throughout.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<GoldSpan>>>? Evidence(string directory, CodiEspSplit english)
    {
        var spanishFolder = Path.Combine(directory, "text_files");
        if (english.Evidence.Count == 0 || !Directory.Exists(spanishFolder)) return null;
        var spanish = CodiEspReader.ReadTexts(spanishFolder);
        var byDocument = english.Evidence.Where(e => e.Label == CodiEspLabel.Diagnosis).ToLookup(e => e.Document, StringComparer.Ordinal);
        var result = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<GoldSpan>>>(StringComparer.Ordinal);
        foreach (var document in english.Documents)
        {
            result[document] = spanish.TryGetValue(document, out var original)
                ? PriorLearner.EvidenceKeys(EvidenceAlignment.Align(original, english.Texts[document], byDocument[document]))
                : new Dictionary<string, IReadOnlyList<GoldSpan>>();
        }
        return result;
    }
}
