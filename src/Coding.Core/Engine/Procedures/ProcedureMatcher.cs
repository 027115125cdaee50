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
    };

    public static IReadOnlyList<ProcedureMention> Find(PreparedNote note, ProcedureLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(lexicon);
        var mentions = new List<ProcedureMention>();
        var keys = new Dictionary<string, Token>(StringComparer.Ordinal);
        foreach (var sentence in note.Sentences)
        {
            keys.Clear();
            foreach (var token in note.TokensOf(sentence))
            {
                if (token.Kind == TokenKind.Punctuation) continue;
                keys.TryAdd(token.Key, token);
                foreach (var k in token.MatchKeys) keys.TryAdd(k, token);
                if (SiteAdjectives.TryGetValue(token.Key, out var nouns))
                    foreach (var noun in nouns) keys.TryAdd(noun, token);
            }
            var seen = new HashSet<ProcedureLexicon.Node>(ReferenceEqualityComparer.Instance);
            foreach (var key in keys.Keys.ToList())
            {
                foreach (var entry in lexicon.EntriesKeyedBy(key))
                {
                    if (!entry.Keys.All(keys.ContainsKey) || !seen.Add(entry.Node)) continue;
                    var used = entry.Keys.Select(k => keys[k]).ToList();
                    foreach (var (node, path) in Deepest(entry.Node, keys, []))
                    {
                        var tokens = used.Concat(path.SelectMany(n => n.Keys).Select(k => keys[k])).ToList();
                        var start = tokens.Min(t => t.Start);
                        var end = tokens.Max(t => t.End);
                        var head = used.OrderBy(t => t.Start).First();
                        foreach (var code in node.Codes)
                            mentions.Add(new ProcedureMention(code, start, end, head.Start, head.End, sentence.Id, entry.Node.Title));
                    }
                }
            }
        }
        return mentions;
    }

    /// <summary>The deepest subterms whose words the sentence holds (the most words winning among siblings), else the node itself.</summary>
    private static IEnumerable<(ProcedureLexicon.Node Node, IReadOnlyList<ProcedureLexicon.Node> Path)> Deepest(
        ProcedureLexicon.Node node, Dictionary<string, Token> keys, IReadOnlyList<ProcedureLexicon.Node> path)
    {
        var matched = node.Children.Where(c => c.Keys.Count > 0 && c.Keys.All(keys.ContainsKey)).ToList();
        if (matched.Count > 0)
        {
            var most = matched.Max(c => c.Keys.Count);
            var found = false;
            foreach (var child in matched.Where(c => c.Keys.Count == most))
            {
                foreach (var deeper in Deepest(child, keys, [.. path, child]))
                {
                    found = true;
                    yield return deeper;
                }
            }
            if (found) yield break;
        }
        if (node.Codes.Count > 0)
            yield return (node, path);
    }
}

/// <summary>
/// One procedure mention: the code the Index gave (4 characters, or the whole code), the evidence span (the matched words),
/// the head word's span (what the assertion is read around) and the main term that led there.
/// </summary>
public sealed record ProcedureMention(string IndexCode, int Start, int End, int HeadStart, int HeadEnd, int SentenceId, string MainTerm);
