using Coding.Core.Codebooks;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Priors;

/// <summary>A phrase (its keys) that training notes use for a code the codebook words do not reach.</summary>
public sealed record LearnedTerm(string Code, string[] Keys);

/// <summary>
/// Learns from training documents the words notes use for codes no codebook term matched: for each word and
/// adjacent word pair of a note, how many documents with it carry the code in their gold. Kept when it happened in
/// at least <see cref="MinSupport"/> documents and at least <see cref="MinPrecision"/> of the documents with the
/// phrase; at most <see cref="PerCode"/> phrases per code. These become lexicon terms with ids below zero, so their
/// matches carry real evidence spans and the ranker can weigh them apart (feature "learned-term").
/// </summary>
public static class LearnedTerms
{
    private const int MinSupport = 3;
    private const double MinPrecision = 0.35;
    private const int PerCode = 3;

    /// <summary>
    /// A phrase must also make the code this many times likelier than it is in any document: for a code gold in a
    /// fifth of train (R69) a 35 % phrase such as "biopsy" says next to nothing.
    /// </summary>
    private const double MinLift = 2.5;

    public static List<LearnedTerm> Learn(IReadOnlyList<(PreparedNote Note, IReadOnlySet<string> Gold)> documents, TermLexicon lexicon)
    {
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var together = new Dictionary<(string Phrase, string Code), int>();
        var codeFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (note, gold) in documents)
        {
            var phrases = Phrases(note);
            foreach (var phrase in phrases)
                documentFrequency[phrase] = documentFrequency.GetValueOrDefault(phrase) + 1;
            foreach (var code in gold)
            {
                if (lexicon.Code(code) is not { Billable: true })
                    continue;
                codeFrequency[code] = codeFrequency.GetValueOrDefault(code) + 1;
                foreach (var phrase in phrases)
                    together[(phrase, code)] = together.GetValueOrDefault((phrase, code)) + 1;
            }
        }
        return together
            .Where(e => e.Value >= MinSupport && (double)e.Value / documentFrequency[e.Key.Phrase] >= Math.Max(MinPrecision, MinLift * codeFrequency[e.Key.Code] / documents.Count))
            .GroupBy(e => e.Key.Code, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(e => Dice(e.Value, documentFrequency[e.Key.Phrase], codeFrequency[e.Key.Code])).ThenByDescending(e => e.Value).ThenBy(e => e.Key.Phrase, StringComparer.Ordinal).Take(PerCode))
            .Select(e => new LearnedTerm(e.Key.Code, e.Key.Phrase.Split(' ')))
            .OrderBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => string.Join(' ', t.Keys), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// How well a phrase stands for a code: documents with both over the mean of documents with either. Ordering by
    /// precision alone kept rare exact phrases ("obstructive pulmonary", 5 of 7 documents) over the word that carries
    /// a code in most of its documents ("disease": R69 in 92 of the 99 train documents coded R69, and 71 % of the
    /// documents that say it, where the Spanish original says "enfermedad").
    /// </summary>
    private static double Dice(int together, int withPhrase, int withCode) => 2.0 * together / (withPhrase + withCode);

    /// <summary>As lexicon terms: negative ids mark them as learned, never from the codebook.</summary>
    public static IEnumerable<LexiconTerm> AsTerms(IEnumerable<LearnedTerm> learned) =>
        learned.Select((t, i) => new LexiconTerm(-1 - i, t.Code, TermKind.Index, string.Join(' ', t.Keys)));

    private static HashSet<string> Phrases(PreparedNote note)
    {
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in note.Sentences)
        {
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
        }
        return phrases;
    }
}
