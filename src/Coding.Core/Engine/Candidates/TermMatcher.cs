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
        // Reused across sentences: the position lists, the found matches and the per-term key lists. This runs for
        // every sentence of every note; allocating them afresh was a good part of the engine's garbage.
        var spareLists = new Stack<List<int>>();
        var found = new List<TermMatch>();
        var seen = new HashSet<(int Term, int First, int Last)>();
        var keyLists = new List<int>[8];
        foreach (var sentence in note.Sentences)
        {
            foreach (var list in positions.Values)
            {
                list.Clear();
                spareLists.Push(list);
            }
            positions.Clear();
            var signature = 0UL;
            var tokens = note.TokensOf(sentence);
            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].Kind == TokenKind.Punctuation)
                    continue;
                // Token.MatchKeys allocates a one-key list for a plain word; the expansion or the key itself, directly.
                if (tokens[i].Expansion is { } expansion)
                {
                    foreach (var raw in expansion)
                        signature |= AddPosition(positions, spareLists, OrganWords.Canonical(raw), i);
                }
                else
                {
                    signature |= AddPosition(positions, spareLists, OrganWords.Canonical(tokens[i].Key), i);
                }
            }
            found.Clear();
            seen.Clear();
            foreach (var (key, anchorPositions) in positions)
            {
                foreach (var term in lexicon.AnchoredOn(key))
                {
                    // The signature first: it rules out most anchored terms from one array read.
                    if ((lexicon.KeySignature(term) & ~signature) != 0)
                        continue;
                    var keys = lexicon.Keys[term];
                    if (keys.Length > positions.Count)
                        continue;
                    // Every key must occur in the sentence whatever the anchor: looked up once per term, not once per
                    // anchor position (most anchored terms miss a key, and each miss used to allocate).
                    if (keyLists.Length < keys.Length)
                        keyLists = new List<int>[keys.Length];
                    var present = true;
                    for (var k = 0; k < keys.Length && present; k++)
                        present = positions.TryGetValue(keys[k], out keyLists[k]!);
                    if (!present)
                        continue;
                    foreach (var anchor in anchorPositions)
                    {
                        if (TryPlace(keyLists.AsSpan(0, keys.Length), anchor, sentence.FirstToken, out var first, out var last) is { } indexes)
                        {
                            if (!seen.Add((term, first, last)) || Denies(tokens, indexes, sentence.FirstToken, lexicon.Terms[term].Text))
                                continue;
                            found.Add(new TermMatch(term, sentence.Id, tokens[first].Start, tokens[last].End, indexes));
                        }
                    }
                }
            }
            matches.AddRange(MarkSubsumed(found));
        }
        return matches;
    }

    /// <summary>
    /// Whether the note says "without" right before one of the term's qualifying keys: "migraine without aura" names
    /// G43.0-, not the "Migraine with aura" its keys (migraine, aura) would otherwise match, and "puncture wound without
    /// foreign body" is not the wound "with foreign body". No codebook term is keyed on the words of its own "without"
    /// clause (<see cref="TermKeys"/> stops a path at a "without" subterm and cuts a title there; the Index's "without"
    /// entries name the absence, I.A.15), so a key the note denies this way was never what the term claims. A term that
    /// itself says "without" (a phrase learned from a note) is left alone. The first key is the condition, whose own
    /// denial is the assertion detector's to read.
    /// </summary>
    private static bool Denies(ReadOnlySpan<Token> tokens, int[] indexes, int firstToken, string termText)
    {
        for (var k = 1; k < indexes.Length; k++)
        {
            var local = indexes[k] - firstToken;
            if (local > 0 && tokens[local - 1].Norm is "without" or "w/o" && !TermDenies(termText, tokens[local].Key))
                return true;
        }
        return false;
    }

    /// <summary>Whether the term's own "without" clause names the word ("Migraine with aura, … without status migrainosus" names status).</summary>
    private static bool TermDenies(string termText, string key)
    {
        for (var at = termText.IndexOf("without ", StringComparison.OrdinalIgnoreCase); at >= 0; at = termText.IndexOf("without ", at + 8, StringComparison.OrdinalIgnoreCase))
        {
            var end = termText.IndexOfAny([',', ';', '-'], at);
            if (termText.AsSpan(at, (end < 0 ? termText.Length : end) - at).Contains(key, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <returns>The key's <see cref="TermLexicon.KeyBit"/>, for the sentence's signature.</returns>
    private static ulong AddPosition(Dictionary<string, List<int>> positions, Stack<List<int>> spare, string key, int position)
    {
        if (!positions.TryGetValue(key, out var list))
            positions[key] = list = spare.Count > 0 ? spare.Pop() : [];
        list.Add(position);
        return TermLexicon.KeyBit(key);
    }

    /// <summary>
    /// Nearest position of every key to the anchor (the earlier one on a tie), sorted and without repeats, as note-wide
    /// token indexes (<paramref name="firstToken"/> added); null if the spread is too wide.
    /// </summary>
    private static int[]? TryPlace(ReadOnlySpan<List<int>> keyPositions, int anchor, int firstToken, out int first, out int last)
    {
        var count = keyPositions.Length;
        Span<int> placed = count <= 32 ? stackalloc int[count] : new int[count];
        for (var k = 0; k < count; k++)
        {
            var best = -1;
            foreach (var p in keyPositions[k])
            {
                if (best < 0 || Math.Abs(p - anchor) < Math.Abs(best - anchor))
                    best = p;
            }
            placed[k] = best;
        }
        placed.Sort();
        // Two keys on one token happen only through an abbreviation's expansion ("DM2" → diabetes mellitus 2); fine.
        var distinct = 1;
        for (var k = 1; k < count; k++)
        {
            if (placed[k] != placed[distinct - 1])
                placed[distinct++] = placed[k];
        }
        first = placed[0];
        last = placed[distinct - 1];
        if (last - first + 1 > count + Slack)
            return null;
        var indexes = new int[distinct];
        for (var k = 0; k < distinct; k++)
            indexes[k] = firstToken + placed[k];
        return indexes;
    }

    private static IEnumerable<TermMatch> MarkSubsumed(List<TermMatch> found)
    {
        if (found.Count < 2)
            return found;
        var marked = new List<TermMatch>(found.Count);
        for (var i = 0; i < found.Count; i++)
        {
            var subsumed = false;
            for (var j = 0; j < found.Count && !subsumed; j++)
                subsumed = j != i && found[j].TokenIndexes.Length > found[i].TokenIndexes.Length && IsSubset(found[i].TokenIndexes, found[j].TokenIndexes);
            marked.Add(subsumed ? found[i] with { Subsumed = true } : found[i]);
        }
        return marked;
    }

    /// <summary>Whether every index of <paramref name="inner"/> is in <paramref name="outer"/>; both sorted and distinct, as TryPlace makes them (no sets to build).</summary>
    private static bool IsSubset(int[] inner, int[] outer)
    {
        var o = 0;
        foreach (var index in inner)
        {
            while (o < outer.Length && outer[o] < index)
                o++;
            if (o == outer.Length || outer[o] != index)
                return false;
            o++;
        }
        return true;
    }
}
