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

    public static List<LearnedTerm> Learn(IReadOnlyList<(PreparedNote Note, IReadOnlySet<string> Gold)> documents, TermLexicon lexicon)
    {
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var together = new Dictionary<(string Phrase, string Code), int>();
        foreach (var (note, gold) in documents)
        {
            var phrases = Phrases(note);
            foreach (var phrase in phrases)
                documentFrequency[phrase] = documentFrequency.GetValueOrDefault(phrase) + 1;
            foreach (var code in gold)
            {
                if (lexicon.Code(code) is not { Billable: true })
                    continue;
                foreach (var phrase in phrases)
                    together[(phrase, code)] = together.GetValueOrDefault((phrase, code)) + 1;
            }
        }
        return together
            .Where(e => e.Value >= MinSupport && (double)e.Value / documentFrequency[e.Key.Phrase] >= MinPrecision)
            .GroupBy(e => e.Key.Code, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(e => (double)e.Value / documentFrequency[e.Key.Phrase]).ThenByDescending(e => e.Value).Take(PerCode))
            .Select(e => new LearnedTerm(e.Key.Code, e.Key.Phrase.Split(' ')))
            .OrderBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => string.Join(' ', t.Keys), StringComparer.Ordinal)
            .ToList();
    }

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
