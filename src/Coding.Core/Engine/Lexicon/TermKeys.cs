using System.Collections.Frozen;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Lexicon;

/// <summary>
/// Which words of a codebook term a note must contain for the term to match. Parenthesised words are the Index's
/// nonessential modifiers ("Diabetes, diabetic (mellitus) (sugar)"): they may be absent, so they are not required.
/// Function words and residual-category words ("unspecified", "other", "NOS") are never written in notes.
/// </summary>
public static class TermKeys
{
    private static readonly FrozenSet<string> Ignored = FrozenSet.ToFrozenSet(
    [
        "of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "by", "for", "as", "with", "without", "due",
        "unspecified", "other", "nos", "specified", "elsewhere", "classified", "not", "use", "being", "than", "also",
        "from", "into", "its", "their", "is", "nec", "unsp", "oth",
    ], StringComparer.Ordinal);

    // Generic heads: dropped only while two or more keys remain, so "Disease of the heart valve, mitral" needs
    // "heart valve mitral" while "Heart disease" still needs both words.
    private static readonly FrozenSet<string> Generic = FrozenSet.ToFrozenSet(
    [
        "disease", "disorder", "condition", "type", "site", "part", "mention", "complication", "encounter", "initial",
        "current", "nature", "state", "finding",
        // Notes write "history of tuberculosis", never "personal history of": the Index's "History, personal (of)"
        // and the titles "Personal history of …" must not wait for a word no note writes.
        "personal",
    ], StringComparer.Ordinal);

    /// <summary>Residual-category wording: a title part carrying it adds nothing a note would say.</summary>
    private static readonly string[] Residual = ["unspecified", "without", " nos", "not elsewhere", "other ", "classified elsewhere", "in diseases", "initial encounter", "encounter for"];

    private const int MaxVariants = 8;

    /// <summary>
    /// The key sets under which a codebook text can be found in a note. Index paths ("Ulcer, ulcerated - duodenum,
    /// duodenal (peptic)") list alternatives with commas: the main term's comma parts are alternatives, and so are a
    /// subterm's parts that share a stem ("duodenum, duodenal"); other commas invert a phrase ("body, high"). A path
    /// stops at a "without" subterm (an absence is never evidence). Title and inclusion parts after the first comma
    /// that only narrow by residual wording ("Fever, unspecified", "…, without hemorrhage") are dropped.
    /// </summary>
    public static IReadOnlyList<string[]> Variants(string text, bool isIndexPath, bool isNeoplasmCell = false)
    {
        var essential = StripParentheses(text);
        var phrases = isNeoplasmCell ? NeoplasmPhrases(essential) : isIndexPath ? PathPhrases(essential) : [TitlePhrase(essential)];
        var variants = new List<string[]>();
        foreach (var phrase in phrases.Take(MaxVariants))
        {
            var keys = Required(phrase);
            if (keys.Length > 0 && !variants.Any(v => v.SequenceEqual(keys)))
                variants.Add(keys);
        }
        return variants;
    }

    private static string TitlePhrase(string text)
    {
        var parts = text.Split(',');
        var kept = parts.Take(1).Concat(parts.Skip(1).Where(p => !Residual.Any(r => (" " + p.ToLowerInvariant() + " ").Contains(r, StringComparison.Ordinal))));
        var phrase = string.Join(' ', kept);
        var without = phrase.IndexOf(" without ", StringComparison.OrdinalIgnoreCase);
        return without > 0 ? phrase[..without] : phrase;
    }

    /// <summary>
    /// External Cause Index main terms that name the kind of code, not anything a note writes: "Place of occurrence -
    /// street and highway - parking lot" is found as "parking lot", "Activity - walking" as "walking". The place's last
    /// subterm is the place itself (the levels above it group places). Whether such a code is reported is the claims
    /// rules' and the ranker's decision (external causes go with injuries, Guidelines I.C.20).
    /// </summary>
    private static readonly string[] KindMainTerms = ["Place of occurrence", "Activity"];

    private static List<string> PathPhrases(string text)
    {
        var segments = text.Split(" - ", StringSplitOptions.TrimEntries);
        if (segments.Length >= 2 && KindMainTerms.FirstOrDefault(k => string.Equals(segments[0], k, StringComparison.OrdinalIgnoreCase)) is { } kind)
            segments = kind == "Activity" ? segments[1..] : [segments[^1]];
        var phrases = new List<string> { "" };
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith("without", StringComparison.OrdinalIgnoreCase))
                break;
            var parts = segments[i].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
                continue;
            List<string> options = i == 0 || parts.Skip(1).All(p => SameStem(p, parts[0]))
                ? [.. parts]
                : [string.Join(' ', parts)];
            phrases = phrases.SelectMany(p => options.Select(o => p + " " + o)).Take(MaxVariants).ToList();
        }
        return phrases;
    }

    /// <summary>
    /// Words notes use for each column of the Neoplasm Table. The Index sends "carcinoma", "adenocarcinoma",
    /// "metastasis" … to the table ("see Neoplasm, malignant, by site"); a note says "carcinoma of the kidney", not
    /// "neoplasm, kidney, malignant primary". So a table cell is found by its site words plus any word of its column.
    /// </summary>
    private static readonly Dictionary<string, string[]> NeoplasmColumnWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Malignant Primary"] = ["carcinoma", "cancer", "adenocarcinoma", "malignant neoplasm", "malignant tumor", "malignancy"],
        ["Malignant Secondary"] = ["metastasis", "metastatic", "secondary malignant"],
        ["Ca in situ"] = ["carcinoma in situ"],
        ["Benign"] = ["benign", "benign tumor", "benign neoplasm"],
        ["Uncertain Behavior"] = ["uncertain behavior"],
        ["Unspecified Behavior"] = ["tumor", "neoplasm", "mass"],
    };

    private static List<string> NeoplasmPhrases(string text)
    {
        var segments = text.Split(" - ", StringSplitOptions.TrimEntries);
        if (segments.Length < 3 || !NeoplasmColumnWords.TryGetValue(segments[^1], out var words))
            return PathPhrases(text);
        // The site is an Index path of its own: "lymph, lymphatic channel NEC - gland" is "lymph gland" or "lymphatic
        // channel gland", not all five words at once. The Table's "lymph gland" is what notes call a lymph node.
        var sites = PathPhrases(string.Join(" - ", segments[1..^1]));
        var nodes = sites.Where(p => p.Contains("lymph", StringComparison.OrdinalIgnoreCase) && p.Contains("gland", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Replace("gland", "node", StringComparison.OrdinalIgnoreCase)).ToList();
        return nodes.Concat(sites).SelectMany(site => words.Select(w => site + " " + w)).ToList();
    }

    private static bool SameStem(string a, string b) =>
        a.Length >= 4 && b.Length >= 4 && string.Compare(a, 0, b, 0, 4, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Distinct required keys of a phrase, in order of first appearance; empty when nothing is left.</summary>
    public static string[] Required(string text)
    {
        var essential = StripParentheses(text);
        var keys = new List<string>();
        foreach (var raw in TermNormalizer.Keys(essential))
        {
            var key = OrganWords.Canonical(raw);
            if (key.Length == 0 || Ignored.Contains(key) || keys.Contains(key))
                continue;
            keys.Add(key);
        }
        var specific = keys.Where(k => !Generic.Contains(k)).ToArray();
        return specific.Length >= 2 ? specific : [.. keys];
    }

    /// <summary>Whether a note key may anchor or fill a term at all (a bare "of" never counts as evidence).</summary>
    public static bool IsContent(string key) => key.Length > 0 && !Ignored.Contains(key);

    private static string StripParentheses(string text)
    {
        if (text.IndexOfAny(['(', '[']) < 0)
            return text;
        var builder = new System.Text.StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth = Math.Max(0, depth - 1);
            else if (depth == 0) builder.Append(c);
        }
        return builder.ToString();
    }
}
