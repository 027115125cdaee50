using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Candidates;

/// <summary>
/// Finds codebook terms in a prepared note, sentence by sentence. A term matches when each of its required keys is
/// a match key of some token of the sentence, all within a window a little wider than the term (word order free:
/// "diabetes type 2" and "type 2 diabetes" both match). A match whose tokens are a strict subset of another match's
/// tokens in the same sentence is marked subsumed ("pain" in "chest pain", "type 2 diabetes" in "type 2 diabetes with
/// polyneuropathy") rather than dropped: the ranker learns from train how much that lowers the odds, since gold sets
/// (CodiEsp among them) do code some such inner mentions.
/// </summary>
public static class TermMatcher
{
    /// <summary>Extra tokens a match may span beyond its own keys (e.g. "diabetes mellitus type 2").</summary>
    private const int Slack = 5;

    public static List<TermMatch> Match(PreparedNote note, TermLexicon lexicon)
    {
        var matches = new List<TermMatch>();
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var sentence in note.Sentences)
        {
            positions.Clear();
            var tokens = note.TokensOf(sentence);
            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].Kind == TokenKind.Punctuation)
                    continue;
                foreach (var raw in tokens[i].MatchKeys)
                {
                    var key = OrganWords.Canonical(raw);
                    if (!positions.TryGetValue(key, out var list))
                        positions[key] = list = [];
                    list.Add(i);
                }
            }
            var found = new List<TermMatch>();
            var seen = new HashSet<(int Term, int First, int Last)>();
            foreach (var (key, anchorPositions) in positions)
            {
                foreach (var term in lexicon.AnchoredOn(key))
                {
                    var keys = lexicon.Keys[term];
                    if (keys.Length > positions.Count)
                        continue;
                    foreach (var anchor in anchorPositions)
                    {
                        if (TryPlace(keys, positions, anchor) is { } placed)
                        {
                            var first = placed[0];
                            var last = placed[^1];
                            if (!seen.Add((term, first, last)))
                                continue;
                            var indexes = placed.Select(p => sentence.FirstToken + p).ToArray();
                            found.Add(new TermMatch(term, sentence.Id, tokens[first].Start, tokens[last].End, indexes));
                        }
                    }
                }
            }
            matches.AddRange(MarkSubsumed(found));
        }
        return matches;
    }

    /// <summary>Nearest position of every key to the anchor; null if a key is missing or the spread is too wide.</summary>
    private static int[]? TryPlace(string[] keys, Dictionary<string, List<int>> positions, int anchor)
    {
        var placed = new int[keys.Length];
        for (var k = 0; k < keys.Length; k++)
        {
            if (!positions.TryGetValue(keys[k], out var list))
                return null;
            var best = -1;
            foreach (var p in list)
            {
                if (best < 0 || Math.Abs(p - anchor) < Math.Abs(best - anchor))
                    best = p;
            }
            placed[k] = best;
        }
        Array.Sort(placed);
        var distinct = placed.Distinct().ToArray();
        // Two keys on one token happen only through an abbreviation's expansion ("DM2" → diabetes mellitus 2); fine.
        return distinct[^1] - distinct[0] + 1 <= keys.Length + Slack ? distinct : null;
    }

    private static IEnumerable<TermMatch> MarkSubsumed(List<TermMatch> found)
    {
        if (found.Count < 2)
            return found;
        var sets = found.Select(m => m.TokenIndexes.ToHashSet()).ToArray();
        var marked = new List<TermMatch>(found.Count);
        for (var i = 0; i < found.Count; i++)
        {
            var subsumed = false;
            for (var j = 0; j < found.Count && !subsumed; j++)
                subsumed = j != i && sets[j].Count > sets[i].Count && sets[i].IsSubsetOf(sets[j]);
            marked.Add(subsumed ? found[i] with { Subsumed = true } : found[i]);
        }
        return marked;
    }
}
