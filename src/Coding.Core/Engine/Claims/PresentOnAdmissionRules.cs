using System.Text.RegularExpressions;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Suggestions;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// Present-on-admission from the note (ICD-10-CM Official Guidelines Appendix I): a condition the note says developed
/// during the stay (after admission, on hospital day N, postoperatively, hospital-acquired) is N; a chronic condition, one
/// named in the reason for admission, history or admission findings, or one diagnosed during the stay without such words is
/// Y (Appendix I: "conditions diagnosed during the admission but clearly present before admission" are Y); a mention the
/// note only qualifies as possibly acquired ("unclear whether present on admission") is W. The codes on the release's CMS
/// POA-exempt list take no indicator (<see cref="PresentOnAdmission.Exempt"/>); that list, not the chapter, decides: falls
/// (W00-W19) and many other external causes are not on it, because whether they happened in hospital is what CMS asks.
/// </summary>
public static partial class PresentOnAdmissionRules
{
    public static PresentOnAdmission Of(PreparedNote note, Candidate c, TermLexicon lexicon)
    {
        if (lexicon.IsPoaExempt(c.Code))
            return PresentOnAdmission.Exempt;
        // A release without the list (one derived from the next year's files, or one imported before its list was at
        // hand) gets a rough guess in its place: external causes and status Z codes, most of which are on the list.
        if (!lexicon.HasPoaExemptList
            && (ClaimsRules.IsExternalCause(c.Code) || c.Code.StartsWith("Z", StringComparison.Ordinal) && IsStatusZ(c.Code)))
            return PresentOnAdmission.Exempt;
        var sentences = c.Mentions.Select(m => note.Sentences[note.SentenceIndexAt(m.Match.Start)]).Distinct().ToList();
        if (sentences.Exists(s => Undetermined().IsMatch(note.TextOf(s))))
            return PresentOnAdmission.Undetermined;
        var early = c.Mentions.Any(m => note.SectionAt(m.Match.Start)?.Kind is SectionKind.ChiefComplaint or SectionKind.HistoryOfPresentIllness
            or SectionKind.PastMedicalHistory or SectionKind.PhysicalExam);
        if (!early && sentences.Exists(s => Acquired().IsMatch(note.TextOf(s))))
            return PresentOnAdmission.No;
        return PresentOnAdmission.Yes;
    }

    /// <summary>Personal history, status and long-term drug therapy codes are on the exempt list (Z79-Z99 ranges, Z68 BMI).</summary>
    private static bool IsStatusZ(string code) => code[..3] is var c && (string.CompareOrdinal(c, "Z77") >= 0 || c is "Z68" or "Z3A" or "Z28" or "Z30" or "Z37" or "Z38");

    [GeneratedRegex(@"\b(developed|new onset|hospital[- ]acquired|nosocomial|post[- ]?op(erative(ly)?)?|after (admission|surgery|the procedure)|on (hospital )?day\s*#?\d+|HD\s*#?\d+|during (the|this) (admission|hospitali[sz]ation|stay)|while (in|on the) (hospital|floor|unit))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Acquired();

    [GeneratedRegex(@"\b(unclear|unable to (clinically )?determine|cannot (be )?determine[d]?) (whether|if) .{0,40}present on admission\b", RegexOptions.IgnoreCase)]
    private static partial Regex Undetermined();
}
