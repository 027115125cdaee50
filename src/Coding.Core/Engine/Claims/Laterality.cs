using System.Text.RegularExpressions;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// Laterality from the documentation (Guidelines I.B.13: "when a condition is documented on one side, the code for that
/// side is assigned"; the unspecified-side codes are for notes that do not say). A candidate whose title leaves the side
/// unspecified ("Carpal tunnel syndrome, unspecified upper limb") becomes the sibling whose title names the side the
/// mention's own words give ("right carpal tunnel syndrome" → G56.01), when the release has exactly that title. Done before
/// ranking, in the learner as in the worker, so the ranker learns what a sided candidate is worth.
/// </summary>
public static partial class Laterality
{
    public static CandidateSet Resolve(PreparedNote note, CandidateSet set, TermLexicon lexicon)
    {
        List<Candidate>? result = null;
        for (var i = 0; i < set.Candidates.Count; i++)
        {
            var c = set.Candidates[i];
            if (c.Expanded || !c.Title.Contains("unspecified", StringComparison.OrdinalIgnoreCase) || Side(note, c) is not { } side)
                continue;
            if (Sided(c, side, lexicon) is not { } code || set.Candidates.Any(o => o.Code == code))
                continue;
            result ??= [.. set.Candidates];
            var sided = c.As(code, lexicon.Code(code)!.Title);
            sided.SideAgreement = 1;
            result[i] = sided;
        }
        return result is null ? set : set with { Candidates = result };
    }

    /// <summary>The side the words next to a mention name (the nearest within a few words), or null when none or both.</summary>
    private static string? Side(PreparedNote note, Candidate c)
    {
        string? side = null;
        var distance = int.MaxValue;
        foreach (var m in c.Mentions)
        {
            var sentence = note.Sentences[note.SentenceIndexAt(m.Match.Start)];
            var from = Math.Max(sentence.Start, m.Match.Start - 40);
            var to = Math.Min(sentence.Start + sentence.Length, m.Match.End + 40);
            foreach (Match word in SideWord().Matches(note.Text[from..to]))
            {
                var at = from + word.Index;
                var d = at < m.Match.Start ? m.Match.Start - at : at >= m.Match.End ? at - m.Match.End : 0;
                var value = word.Value.ToLowerInvariant();
                if (value is "od" or "os" or "ou" && !IsEyeCode(c.Code))
                    continue;
                var named = value switch
                {
                    "right" or "rt" or "r" or "od" => "right",
                    "left" or "lt" or "l" or "os" => "left",
                    _ => "bilateral",
                };
                if (d < distance)
                    (side, distance) = (named, d);
                else if (d == distance && named != side)
                    side = null;
            }
        }
        return side;
    }

    /// <summary>The billable code of the category whose title is the candidate's with "unspecified" replaced by the side.</summary>
    private static string? Sided(Candidate c, string side, TermLexicon lexicon)
    {
        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match u in Unspecified().Matches(c.Title))
            wanted.Add(Normalize(c.Title[..u.Index] + side + c.Title[(u.Index + u.Length)..]));
        if (wanted.Count == 0)
            return null;
        // A sided sibling differs from the unspecified code in one character (G56.00 → G56.01, S72.009A → S72.001A):
        // comparing titles only there keeps the scan of a large category (S72 has over a thousand codes) cheap.
        foreach (var code in lexicon.BillableUnder(c.Code[..3]))
        {
            if (code.Length == c.Code.Length && OneCharacterApart(code, c.Code) && lexicon.Code(code) is { } entry && wanted.Contains(Normalize(entry.Title)))
                return code;
        }
        return null;
    }

    private static bool OneCharacterApart(string a, string b)
    {
        var differences = 0;
        for (var i = 0; i < a.Length && differences < 2; i++)
        {
            if (a[i] != b[i])
                differences++;
        }
        return differences == 1;
    }

    /// <summary>"bilateral upper limbs" and "bilateral upper limb" are one title for this purpose.</summary>
    private static string Normalize(string title) => string.Join(' ', Words().Matches(title.ToLowerInvariant()).Select(w => w.Value.TrimEnd('s')));

    /// <summary>
    /// The side words, and the ones clinicians abbreviate: a capital R or L before a word ("L wrist", "R EAC"; not "4 ng/L
    /// at" nor "2 L NC"), and the eye's OD / OS / OU (read only for eye codes: in an ED note "OD" is an overdose).
    /// </summary>
    [GeneratedRegex(@"\b(right|left|bilateral|bilat|both|rt|lt)\b|(?<![\d./]\s?)\b(?-i:[RL])\b(?=\s+[A-Za-z])|\b(?-i:OD|OS|OU)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SideWord();

    /// <summary>Chapter 7 (H00-H59) and diabetic eye disease (E08-E13 .3-), whose 7th character is the eye.</summary>
    private static bool IsEyeCode(string code) =>
        code[0] == 'H' && code[1] is >= '0' and <= '5' || code[..3] is "E08" or "E09" or "E10" or "E11" or "E13" && code.Length > 3 && code[3] == '3';

    [GeneratedRegex(@"\bunspecified\b", RegexOptions.IgnoreCase)]
    private static partial Regex Unspecified();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex Words();
}
