using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Validation;
using Coding.Core.Suggestions;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// Chooses the principal diagnosis (inpatient, Guidelines Section II: "the condition established after study to be chiefly
/// responsible for occasioning the admission") or the first-listed one (outpatient and ED, Section IV.A-B: the condition
/// chiefly responsible for the visit), puts it first and marks it; sets present-on-admission for inpatient diagnoses.
/// A clinician states that condition first where the note lists its conclusions: a principal/discharge diagnosis list, then
/// the assessment, then the reason for the visit; the earliest suggested code there leads, and a diagnosis the list names
/// first leads even when the ranker left it under the cut (it joins the claim). External causes never lead
/// (I.C.20), nor an adverse effect or an underdosing (I.C.19.e.5.a, c), nor a manifestation whose etiology is coded ("code first", I.A.13), nor a status or history Z code
/// (only the Z codes that are reasons for an encounter may: "Encounter for ...", IV.K-L / I.C.21.c).
/// </summary>
public static class Sequencing
{
    /// <param name="reorder">Put the lead first (claims); the findings policy marks it and keeps the confidence order, which is
    /// the ranking CodiEsp's MAP scores.</param>
    public static IReadOnlyList<Candidate> Sequence(PreparedNote note, IReadOnlyList<Candidate> kept, double threshold, CareSetting setting, TermLexicon lexicon,
        bool reorder = true)
    {
        foreach (var c in kept)
        {
            c.Role = DiagnosisRole.Secondary;
            c.Poa = null;
        }
        var suggested = kept.Where(c => c.Confidence >= threshold).ToList();
        var eligible = suggested.Where(c => MayLead(c, suggested, lexicon)).ToList();
        if (eligible.Count == 0)
            eligible = suggested.Where(c => !ClaimsRules.IsExternalCause(c.Code)).ToList();
        var lead = eligible
            .OrderBy(c => Place(note, c))
            .ThenByDescending(c => c.Code[0] != 'R' && c.Code[0] != 'Z')
            .ThenByDescending(c => c.Confidence)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .FirstOrDefault();
        if (reorder && Listed(note, kept, suggested, lead, lexicon) is { } listed)
        {
            // Section II / IV.A: the claim begins with the condition the note lists first; the ranker doubted the code,
            // but the clinician's list is the documentation of what occasioned the visit or admission.
            listed.Confidence = threshold;
            listed.Score = Math.Log(threshold / (1 - threshold));
            suggested.Add(listed);
            lead = listed;
        }
        if (setting == CareSetting.Inpatient)
        {
            foreach (var c in suggested)
                c.Poa = PresentOnAdmissionRules.Of(note, c, lexicon);
        }
        if (lead is null)
            return kept;
        lead.Role = setting.LeadRole();
        return reorder ? [lead, .. kept.Where(c => c != lead)] : kept;
    }

    /// <summary>
    /// The least confidence with which the first listed item still brings its code to the claim (chosen on cross-fitted
    /// US train: first-listed / principal correct 75 → 79 of 150 at 0.05, 78 at 0.10, 76 at 0.15, micro-F1 unchanged).
    /// </summary>
    private const double ListedFloor = 0.05;

    /// <summary>
    /// A diagnosis below the cut read from the note's diagnosis list or assessment ahead of everything suggested there:
    /// the first item of the clinician's list. None when a suggested code already reads that item or shares its category.
    /// </summary>
    private static Candidate? Listed(PreparedNote note, IReadOnlyList<Candidate> kept, IReadOnlyList<Candidate> suggested, Candidate? lead, TermLexicon lexicon)
    {
        var bar = lead is null ? (Rank: 2, Offset: int.MaxValue, Shorter: 0) : Place(note, lead);
        if (bar.Rank > 2)
            bar = (2, int.MaxValue, 0);
        Candidate? best = null;
        var bestPlace = bar;
        foreach (var c in kept)
        {
            if (c.Confidence >= ListedFloor && !suggested.Contains(c) && ClaimsRules.IsDefinitiveDiagnosis(c.Code) && MayLead(c, suggested, lexicon)
                && !suggested.Any(s => s.Code[..3] == c.Code[..3] || SuggestionValidator.ShareWords(s, c)))
            {
                var place = Place(note, c);
                if (place.CompareTo(bestPlace) < 0 || place == bestPlace && best is not null && c.Confidence > best.Confidence)
                    (best, bestPlace) = (c, place);
            }
        }
        return best;
    }

    private static bool MayLead(Candidate c, IReadOnlyList<Candidate> suggested, TermLexicon lexicon)
    {
        if (ClaimsRules.IsExternalCause(c.Code))
            return false;
        if (c.Code[0] == 'Z' && !c.Title.StartsWith("Encounter for", StringComparison.OrdinalIgnoreCase))
            return false;
        if (IsAdverseEffectOrUnderdosing(c.Code))
            return false;
        var etiologies = lexicon.CodeFirstOf(c.Code).ToArray();
        return etiologies.Length == 0 || !suggested.Any(o => o != c && etiologies.Any(p => o.Code.StartsWith(p, StringComparison.Ordinal)));
    }

    /// <summary>
    /// An adverse effect of a drug properly given (6th character 5 in T36-T50) follows the nature of the effect, which is
    /// sequenced first (I.C.19.e.5.a: "the nature of the adverse effect ... followed by the appropriate code for the adverse
    /// effect"); an underdosing (6th character 6) "should never be assigned as principal or first-listed" (I.C.19.e.5.c).
    /// </summary>
    internal static bool IsAdverseEffectOrUnderdosing(string code) =>
        code.Length == 7 && code[0] == 'T' && code[5] is '5' or '6' && int.TryParse(code.AsSpan(1, 2), out var n) && n is >= 36 and <= 50;

    /// <summary>
    /// Where the note states the condition: (section rank, offset, minus length) of its best mention; lower leads. Of two
    /// readings starting at one word, the longer is the item as written ("hypertensive urgency" before "hypertensive").
    /// </summary>
    private static (int Rank, int Offset, int Shorter) Place(PreparedNote note, Candidate c)
    {
        var best = (Rank: int.MaxValue, Offset: int.MaxValue, Shorter: 0);
        foreach (var m in c.Mentions)
        {
            var section = note.SectionAt(m.Match.Start);
            var rank = SectionRank(section);
            var place = (rank, m.Match.Start, m.Match.Start - m.Match.End);
            if (place.CompareTo(best) < 0)
                best = place;
        }
        return best;
    }

    private static int SectionRank(NoteSection? section)
    {
        if (section is null)
            return 6;
        var label = section.Label.ToLowerInvariant();
        if (section.Kind == SectionKind.Diagnoses)
            return label.Contains("principal", StringComparison.Ordinal) || label.Contains("primary", StringComparison.Ordinal) ? 0
                : label.Contains("secondary", StringComparison.Ordinal) || label.Contains("other", StringComparison.Ordinal) ? 4 : 1;
        return section.Kind switch
        {
            SectionKind.Assessment => 2,
            SectionKind.ChiefComplaint => 3,
            SectionKind.HistoryOfPresentIllness or SectionKind.HospitalCourse => 5,
            _ => 6,
        };
    }
}
