using Coding.Core.Codebooks;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Evaluation;

namespace Coding.Core.Engine.Priors;

/// <summary>A phrase (its keys) that training notes use for a code the codebook words do not reach.</summary>
public sealed record LearnedTerm(string Code, string[] Keys);

/// <summary>A training note for <see cref="LearnedTerms"/>: gold code keys and, when known, where each was read.</summary>
public sealed record LearningNote(PreparedNote Note, IReadOnlySet<string> Gold, IReadOnlyDictionary<string, IReadOnlyList<GoldSpan>>? Evidence = null);

/// <summary>
/// Learns from training documents the words notes use for codes no codebook term matched: for each word and
/// adjacent word pair, how often the code is gold where the phrase is. Counted per document and, when every document
/// says where its codes were read (CodiEsp's evidence, carried over to the English lines by <c>EvidenceAlignment</c>),
/// also per sentence: a phrase then has to stand in the sentence the code came from, not merely somewhere in a note
/// that has the code, which finds precise phrases for codes whose notes are long. Both lists are kept: the
/// per-sentence one alone lost candidates that the per-document one finds (dev candidate recall 0.645 → 0.625).
/// Kept when it happened at least the mode's minimum support times, in at least its minimum share of the phrase's
/// sentences or documents, at most its number of phrases per code. These become
/// lexicon terms with ids below zero, so their matches carry real evidence spans and the ranker can weigh them apart
/// (feature "learned-term").
/// </summary>
public static class LearnedTerms
{
    /// <summary>Per document: the phrase is anywhere in a note, so a phrase needs more notes and less precision.</summary>
    private static readonly Thresholds PerDocument = new(MinSupport: 3, MinPrecision: 0.35, PerCode: 3);

    /// <summary>
    /// Per sentence. Measured on CodiEsp train (5 folds, phrases learned on four, matched anywhere in the fifth's notes):
    /// these thresholds propose 2,180 gold codes at precision 0.76, per-document counting 2,260 at 0.47. In the engine
    /// (Engine README, sentence-evidence round) cross-fitted train F1 stayed within 0.539–0.544 for (2, 0.5, 10),
    /// (3, 0.35, 3), (3, 0.4, 10), (3, 0.5, 10), (3, 0.6, 10), (4, 0.5, 10) and (3, 0.5, 20).
    /// </summary>
    private static readonly Thresholds PerSentence = new(MinSupport: 3, MinPrecision: 0.5, PerCode: 10);

    /// <summary>
    /// A phrase must also make the code this many times likelier than it is in any document (or sentence): for a code
    /// gold in a fifth of train (R69) a 35 % phrase such as "biopsy" says next to nothing.
    /// </summary>
    private const double MinLift = 2.5;

    private sealed record Thresholds(int MinSupport, double MinPrecision, int PerCode);

    public static List<LearnedTerm> Learn(IReadOnlyList<LearningNote> documents, TermLexicon lexicon)
    {
        // Each sentence's phrases, read once: a document's are their union.
        var phrases = documents.Select(d => d.Note.Sentences.Select(s => PhrasesOf(d.Note, s)).ToList()).ToList();
        var perDocument = Learn(documents.Select((d, i) => (Union(phrases[i]), (IEnumerable<string>)d.Gold)), lexicon, PerDocument);
        if (documents.Count == 0 || !documents.All(d => d.Evidence is not null))
            return perDocument;
        var perSentence = Learn(documents.SelectMany((d, i) => d.Note.Sentences.Select((sentence, j) => (phrases[i][j],
            d.Gold.Where(code => d.Evidence!.TryGetValue(code, out var ranges) && ranges.Any(r => r.Start < sentence.End && r.End > sentence.Start))))), lexicon, PerSentence);
        return perDocument.Concat(perSentence).DistinctBy(t => (t.Code, string.Join(' ', t.Keys)))
            .OrderBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => string.Join(' ', t.Keys), StringComparer.Ordinal).ToList();
    }

    /// <summary>Learns from counting units (documents or sentences): each unit's phrases and the gold codes read in it.</summary>
    private static List<LearnedTerm> Learn(IEnumerable<(HashSet<string> Phrases, IEnumerable<string> Codes)> counted, TermLexicon lexicon, Thresholds thresholds)
    {
        var unitFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var together = new Dictionary<(string Phrase, string Code), int>();
        var codeFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var units = 0;
        foreach (var (phrases, codes) in counted)
        {
            units++;
            foreach (var phrase in phrases)
                unitFrequency[phrase] = unitFrequency.GetValueOrDefault(phrase) + 1;
            foreach (var gold in codes)
            {
                // CodiEsp writes injuries without the encounter character: its phrases are the initial encounter's. A
                // header (a code later releases split, such as R51) teaches the child the engine resolves it to.
                var code = lexicon.Code(gold) is { Billable: true } ? gold
                    : CodeKey.InitialEncounter(gold) is { } completed && lexicon.Code(completed) is { Billable: true } ? completed
                    : Validation.BillableResolver.Resolve(gold, lexicon, CodingPriors.Empty);
                if (code is null)
                    continue;
                codeFrequency[code] = codeFrequency.GetValueOrDefault(code) + 1;
                foreach (var phrase in phrases)
                    together[(phrase, code)] = together.GetValueOrDefault((phrase, code)) + 1;
            }
        }
        return together
            .Where(e => e.Value >= thresholds.MinSupport && (double)e.Value / unitFrequency[e.Key.Phrase] >= Math.Max(thresholds.MinPrecision, MinLift * codeFrequency[e.Key.Code] / units))
            .GroupBy(e => e.Key.Code, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(e => Dice(e.Value, unitFrequency[e.Key.Phrase], codeFrequency[e.Key.Code])).ThenByDescending(e => e.Value).ThenBy(e => e.Key.Phrase, StringComparer.Ordinal).Take(thresholds.PerCode))
            .Select(e => new LearnedTerm(e.Key.Code, e.Key.Phrase.Split(' ')))
            .OrderBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => string.Join(' ', t.Keys), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// How well a phrase stands for a code: units (documents or sentences) with both over the mean of units with either. Ordering by
    /// precision alone kept rare exact phrases ("obstructive pulmonary", 5 of 7 documents) over the word that carries
    /// a code in most of its documents ("disease": R69 in 92 of the 99 train documents coded R69, and 71 % of the
    /// documents that say it, where the Spanish original says "enfermedad").
    /// </summary>
    private static double Dice(int together, int withPhrase, int withCode) => 2.0 * together / (withPhrase + withCode);

    /// <summary>As lexicon terms: negative ids mark them as learned, never from the codebook.</summary>
    public static IEnumerable<LexiconTerm> AsTerms(IEnumerable<LearnedTerm> learned) =>
        learned.Select((t, i) => new LexiconTerm(-1 - i, t.Code, TermKind.Index, string.Join(' ', t.Keys)));

    private static HashSet<string> Union(List<HashSet<string>> sets)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
            all.UnionWith(set);
        return all;
    }

    /// <summary>The sentence's content words (three letters or more) and pairs of adjacent content words.</summary>
    private static HashSet<string> PhrasesOf(PreparedNote note, Sentence sentence)
    {
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var token in note.TokensOf(sentence))
        {
            if (token.Kind != TokenKind.Word || !TermKeys.IsContent(token.Key) || token.Key.Length < 3)
            {
                previous = null;
                continue;
            }
            phrases.Add(token.Key);
            if (previous is not null)
                phrases.Add(previous + " " + token.Key);
            previous = token.Key;
        }
        return phrases;
    }
}
