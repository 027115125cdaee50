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
    ], StringComparer.Ordinal);

    /// <summary>Distinct required keys of a term, in order of first appearance; empty when nothing is left.</summary>
    public static string[] Required(string text)
    {
        var essential = StripParentheses(text);
        var keys = new List<string>();
        foreach (var key in TermNormalizer.Keys(essential))
        {
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
