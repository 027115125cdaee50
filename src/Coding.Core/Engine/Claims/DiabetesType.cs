using System.Text.RegularExpressions;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// One patient, one type of diabetes, the one the note documents (Guidelines I.C.4.a: the categories E08-E13 are by type;
/// "if the type of diabetes mellitus is not documented in the medical record the default is E11.-, Type 2"). The type is
/// read from the patient's own statements — "type 1", "T1DM", "DM1", "IDDM", "juvenile diabetes" (E10); "type 2", "T2DM",
/// "DM2", "NIDDM" (E11); diabetes induced by a drug or steroid (E09); diabetes due to an underlying condition (E08) —
/// never from a relative's history or a type the note rules out ("not type 2", "type 1 excluded"). Every diabetes
/// candidate of another type becomes the same subcategory of the documented type ("diabetic foot ulcer" read as E10.621
/// in a type 2 note is E11.621); with two types stated, the candidates keep the codes their words gave. Done before
/// ranking, like <see cref="Laterality"/>, so the ranker learns what the resolved candidate is worth.
/// </summary>
public static partial class DiabetesType
{
    public static CandidateSet Resolve(PreparedNote note, CandidateSet set, TermLexicon lexicon)
    {
        if (!set.Candidates.Any(c => IsDiabetes(c.Code)) || Documented(note) is not { } type)
            return set;
        var result = new List<Candidate>(set.Candidates.Count);
        foreach (var c in set.Candidates)
        {
            if (!IsDiabetes(c.Code) || c.Code[..3] == type || lexicon.Code(type + c.Code[3..]) is not { Billable: true } entry)
            {
                result.Add(c);
                continue;
            }
            var target = type + c.Code[3..];
            if (set.Candidates.FirstOrDefault(o => o.Code == target) is { } existing)
            {
                // The note's words read the same subcategory under both types: one candidate, with every mention.
                foreach (var m in c.Mentions.Where(m => !existing.Mentions.Contains(m)))
                    existing.Mentions.Add(m);
                continue;
            }
            result.Add(c.As(target, entry.Title));
        }
        return set with { Candidates = result };
    }

    /// <summary>The category of the type the note documents for the patient, E11 when none, null when it states two.</summary>
    public static string? Documented(PreparedNote note)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in TypeWords().Matches(note.Text))
        {
            if (note.SectionAt(m.Index)?.Kind == SectionKind.FamilyHistory)
                continue;
            var before = note.Text[Math.Max(0, m.Index - 30)..m.Index];
            var after = note.Text[(m.Index + m.Length)..Math.Min(note.Text.Length, m.Index + m.Length + 25)];
            if (Denied().IsMatch(before) || RuledOut().IsMatch(after) || Relative().IsMatch(before))
                continue;
            types.Add(m.Groups["e10"].Success ? "E10" : m.Groups["e11"].Success ? "E11" : m.Groups["e09"].Success ? "E09" : "E08");
        }
        return types.Count switch { 0 => "E11", 1 => types.Single(), _ => null };
    }

    private static bool IsDiabetes(string code) => code.Length > 3 && code[..3] is "E08" or "E09" or "E10" or "E11" or "E13";

    [GeneratedRegex(@"\b(?:(?<e10>type[\s-]*(?:1|i|one)\s+(?:diabet\w*|dm)|(?:diabet\w*|dm)(?:\s+mellitus)?,?\s+type[\s-]*(?:1|i|one)\b|t1\s?dm|dm[\s-]?(?:1|i)\b|iddm|juvenile(?:[\s-]onset)? diabet\w*)"
        + @"|(?<e11>type[\s-]*(?:2|ii|two)\s+(?:diabet\w*|dm)|(?:diabet\w*|dm)(?:\s+mellitus)?,?\s+type[\s-]*(?:2|ii|two)\b|t2\s?dm|dm[\s-]?(?:2|ii)\b|niddm)"
        + @"|(?<e09>(?:steroid|drug|medication|chemical|glucocorticoid|corticosteroid|prednisone)[\s-]+induced\s+diabet\w*)"
        + @"|(?<e08>diabet\w*(?:\s+mellitus)?\s+due\s+to\s+(?:an?\s+)?underlying\s+condition))",
        RegexOptions.IgnoreCase)]
    private static partial Regex TypeWords();

    [GeneratedRegex(@"\b(not|no|without|denies|rule out|r/o|versus|vs\.?|or)\W*(\w+\W+){0,1}$", RegexOptions.IgnoreCase)]
    private static partial Regex Denied();

    [GeneratedRegex(@"^\W*(excluded|ruled out|unlikely|was excluded|is excluded)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RuledOut();

    [GeneratedRegex(@"\b(mother|father|brother|sister|sibling|parent|son|daughter|aunt|uncle|grand\w*|family|FH)\b[^.;\n]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Relative();
}
