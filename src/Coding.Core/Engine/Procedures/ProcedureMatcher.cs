using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Procedures;

/// <summary>
/// Finds procedure mentions the way a coder looks them up: a main term of the PCS Index among one sentence's words, then the
/// most specific subterms whose words the same sentence also holds ("CT of the abdomen and pelvis" → Computerized Tomography
/// (CT Scan) - Abdomen and Pelvis → BW21). Pure; the evidence is the covering span of the words that matched.
/// </summary>
public static class ProcedureMatcher
{
    /// <summary>
    /// Site adjectives a note writes where the Index writes the noun ("renal ultrasound" → Ultrasonography - Kidney). Plain
    /// English derivation, not learned: every entry is the adjective of an Index site title.
    /// </summary>
    private static readonly Dictionary<string, string[]> SiteAdjectives = new(StringComparer.Ordinal)
    {
        ["renal"] = ["kidney"], ["abdominal"] = ["abdomen"], ["thoracic"] = ["chest"], ["pelvic"] = ["pelvis"],
        ["cranial"] = ["head", "skull"], ["cerebral"] = ["brain"], ["hepatic"] = ["liver"], ["pulmonary"] = ["lung"],
        ["cardiac"] = ["heart"], ["testicular"] = ["testicle", "scrotum"], ["vesical"] = ["bladder"], ["gastric"] = ["stomach"],
        ["splenic"] = ["spleen"], ["pancreatic"] = ["pancreas"], ["mammary"] = ["breast"], ["ocular"] = ["eye"],
        ["spinal"] = ["spine"], ["facial"] = ["face"], ["nasal"] = ["nose"], ["orbital"] = ["orbit"], ["colonic"] = ["colon"],
        ["uterine"] = ["uterus"], ["ovarian"] = ["ovary"], ["prostatic"] = ["prostate"], ["esophageal"] = ["esophagus"],
        ["duodenal"] = ["duodenum"], ["mediastinal"] = ["mediastinum"], ["pleural"] = ["pleura"], ["thyroidal"] = ["thyroid"],
        ["adrenal"] = ["adrenal", "gland"], ["cervical"] = ["cervical", "neck"], ["lumbar"] = ["lumbar"], ["chest"] = ["chest"],
        ["thoracoabdominal"] = ["chest", "abdomen"], ["abdominopelvic"] = ["abdomen", "pelvis"],
        ["thoracoabdominopelvic"] = ["chest", "abdomen", "pelvis"], ["thorax"] = ["chest"], ["thoraco"] = ["chest"], ["brain"] = ["brain", "head"],
    };

    /// <summary>
    /// How many words either side of the main term's words a site word may lie. Chosen on cross-fitted CodiEsp train (micro F1
    /// at the stem 0.417 at 6 words, 0.423 at 12, 0.423 with MAP 0.244 against 0.239 for the whole sentence): the sentence.
    /// </summary>
    public const int SiteWindow = 100;

    public static IReadOnlyList<ProcedureMention> Find(PreparedNote note, ProcedureLexicon lexicon, int siteWindow = SiteWindow)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(lexicon);
        var mentions = new List<ProcedureMention>();
        var keys = new Dictionary<string, Token>(StringComparer.Ordinal);
        var near = new Dictionary<string, Token>(StringComparer.Ordinal);
        foreach (var sentence in note.Sentences)
        {
            var words = note.TokensOf(sentence).ToArray().Where(t => t.Kind != TokenKind.Punctuation).ToArray();
            keys.Clear();
            Keys(words, 0, words.Length, keys);
            var seen = new HashSet<ProcedureLexicon.Node>(ReferenceEqualityComparer.Instance);
            foreach (var key in keys.Keys.ToList())
            {
                foreach (var entry in lexicon.EntriesKeyedBy(key))
                {
                    if (!entry.Keys.All(keys.ContainsKey) || !seen.Add(entry.Node)) continue;
                    var used = entry.Keys.Select(k => keys[k]).ToList();
                    var first = Array.IndexOf(words, used.MinBy(t => t.Start));
                    var last = Array.IndexOf(words, used.MaxBy(t => t.Start));
                    near.Clear();
                    Keys(words, Math.Max(0, first - siteWindow), Math.Min(words.Length, last + siteWindow + 1), near);
                    foreach (var k in entry.Keys) near[k] = keys[k];
                    foreach (var (node, path) in Deepest(entry.Node, near))
                    {
                        var tokens = used.Concat(path.SelectMany(n => n.Keys).Select(k => near[k])).ToList();
                        var head = used.OrderBy(t => t.Start).First();
                        foreach (var code in node.Codes)
                        {
                            // A table (3 characters): the body part is read from the sentence's site words, else left to the
                            // coder (ProcedureCoder picks the stem train's gold writes most, of the side the note gives).
                            var (indexCode, site) = code.Length == 3 ? BodyPart(code, near, lexicon) : (code, []);
                            var all = tokens.Concat(site).ToList();
                            mentions.Add(new ProcedureMention(indexCode, all.Min(t => t.Start), all.Max(t => t.End), head.Start, head.End, sentence.Id,
                                entry.Node.Title));
                        }
                    }
                }
            }
        }
        return mentions;
    }

    private static void Keys(Token[] words, int from, int to, Dictionary<string, Token> keys)
    {
        for (var i = from; i < to; i++)
        {
            var token = words[i];
            keys.TryAdd(token.Key, token);
            foreach (var k in token.MatchKeys) keys.TryAdd(k, token);
            if (SiteAdjectives.TryGetValue(token.Key, out var nouns))
                foreach (var noun in nouns) keys.TryAdd(noun, token);
        }
    }

    /// <summary>The body part of a table whose site words (the most of them) the sentence holds, of the side it writes.</summary>
    private static (string Code, IReadOnlyList<Token> Site) BodyPart(string table, Dictionary<string, Token> keys, ProcedureLexicon lexicon)
    {
        var side = Side(keys);
        var matched = lexicon.BodyPartsOf(table)
            .Where(p => p.Keys.Count > 0 && p.Keys.All(keys.ContainsKey) && (p.Side is null || side is null || p.Side == side))
            .OrderByDescending(p => p.Keys.Count).ThenByDescending(p => p.Side == side).FirstOrDefault();
        return matched is null ? (table, []) : (matched.Stem, matched.Keys.Select(k => keys[k]).ToList());
    }

    internal static string? Side(IReadOnlyDictionary<string, Token> keys) =>
        keys.ContainsKey("bilateral") || keys.ContainsKey("both") ? "bilateral" : keys.ContainsKey("right") ? "right" : keys.ContainsKey("left") ? "left" : null;

    /// <summary>The paths of subterms whose words the sentence holds with the most words in all (ties kept), else the node itself.</summary>
    private static IEnumerable<(ProcedureLexicon.Node Node, IReadOnlyList<ProcedureLexicon.Node> Path)> Deepest(
        ProcedureLexicon.Node node, Dictionary<string, Token> keys)
    {
        var paths = new List<(ProcedureLexicon.Node Node, IReadOnlyList<ProcedureLexicon.Node> Path, int Words)>();
        void Walk(ProcedureLexicon.Node at, List<ProcedureLexicon.Node> path, int words)
        {
            if (at.Codes.Count > 0) paths.Add((at, path.ToList(), words));
            foreach (var child in at.Children)
            {
                if (child.Keys.Count == 0 || !child.Keys.All(keys.ContainsKey)) continue;
                path.Add(child);
                Walk(child, path, words + child.Keys.Count);
                path.RemoveAt(path.Count - 1);
            }
        }
        Walk(node, [], 0);
        if (paths.Count == 0) yield break;
        var most = paths.Max(p => p.Words);
        foreach (var (n, path, words) in paths)
            if (words == most) yield return (n, path);
    }
}

/// <summary>
/// One procedure mention: the code the Index gave (4 characters, or the whole code), the evidence span (the matched words),
/// the head word's span (what the assertion is read around) and the main term that led there.
/// </summary>
public sealed record ProcedureMention(string IndexCode, int Start, int End, int HeadStart, int HeadEnd, int SentenceId, string MainTerm);
