using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// History codes from the condition a note names for a relative or for the patient's past (Guidelines I.C.21.c.4: family
/// history codes "when a patient has a family member(s) who has had a particular disease"; personal history codes when a
/// condition "no longer exists and is not receiving any treatment"; I.C.2.d: an excised or eradicated malignancy with no
/// further treatment and no evidence of disease is Z85.-). Notes write "mother - lung ca", "FHx breast cancer", "h/o
/// prostate cancer s/p prostatectomy", words the Index reaches only through "History, family (of), malignant neoplasm
/// (of), lung", so the assertion that sets such a mention aside for the condition code is the one that supports the
/// history code. The condition → history code map follows the Tabular's own grouping of Z80-Z84 and Z85 (each subcategory
/// names the organ system or site its codes take). A derived candidate is keyed "~history" for its prior, so the ranker
/// learns from train how often such a history is reported. Claims policy, before ranking (learner and worker alike).
/// </summary>
public static class HistoryCodes
{
    public static CandidateSet Derive(PreparedNote note, CandidateSet set, TermLexicon lexicon)
    {
        Dictionary<string, Candidate>? added = null;
        foreach (var e in set.Excluded)
        {
            var code = e.Status switch
            {
                // Excluded although present: the experiencer is someone else (a relative, in the notes we code).
                AssertionStatus.Family or AssertionStatus.Present => FamilyHistory(e.Code),
                AssertionStatus.Historical => PersonalHistory(e.Code),
                _ => null,
            };
            if (code is null || lexicon.Code(code) is not { Billable: true } entry || set.Candidates.Any(c => c.Code == code))
                continue;
            added ??= new Dictionary<string, Candidate>(StringComparer.Ordinal);
            if (!added.TryGetValue(code, out var candidate))
                added[code] = candidate = new Candidate(code, code, entry.Title);
            var section = note.SectionAt(e.Match.Start)?.Kind ?? SectionKind.Unknown;
            candidate.Mentions.Add(new CandidateMention(e.Match, code + "|~history", lexicon.Terms[e.Match.Term].Kind, section, e.Status, false));
        }
        return added is null ? set : set with { Candidates = [.. set.Candidates, .. added.Values] };
    }

    /// <summary>Z80-Z84 for a condition of a relative, by the Tabular's grouping of the family history categories.</summary>
    public static string? FamilyHistory(string code) =>
        code.Length < 3 ? null : Lookup(IsMalignant(code[..3]) ? FamilyMalignant : FamilyOther, code[..3]);

    /// <summary>
    /// Z85 for a malignancy of the patient's past, by the Tabular's Z85 subcategories (site of the primary); for the
    /// episodic conditions the Index lists under "History, personal (of)", their Z86-Z87/Z91 code or I25.2.
    /// </summary>
    public static string? PersonalHistory(string code)
    {
        if (code.Length < 3)
            return null;
        if (IsMalignant(code[..3]))
            return Lookup(PersonalMalignant, code[..3]);
        foreach (var (prefix, history) in PersonalEpisodic)
        {
            if (code.StartsWith(prefix, StringComparison.Ordinal))
                return history;
        }
        return null;
    }

    /// <summary>
    /// Conditions that end (an embolism, an infarction, an infection, a stone, a fracture, an attempt) and the code the
    /// Index gives their history: "History, personal (of) - embolism, pulmonary" Z86.711, "- venous thrombosis" Z86.718,
    /// "- transient ischemic attack" and "- cerebral infarction without residual deficits" Z86.73, "- sudden cardiac
    /// arrest" Z86.74, "- myocardial infarction (old)" I25.2, "- Methicillin resistant Staphylococcus aureus" Z86.14,
    /// "- tuberculosis" Z86.11, "- COVID-19" Z86.16, "- pneumonia (recurrent)" Z87.01, "- peptic ulcer disease" Z87.11,
    /// "- urinary (tract) infections" Z87.440, "- calculi, urinary" Z87.442, "- traumatic brain injury" Z87.820, "-
    /// fracture, healed, traumatic" Z87.81, "- suicidal behavior" Z91.51, "- polyps, colon" Z86.0100 (adenomatous
    /// Z86.0101). Chronic conditions (hypertension, diabetes, COPD) have no such entry: "history of hypertension" in a
    /// US note is the condition itself, which the historical assertion leaves to the ranker's prior.
    /// </summary>
    private static readonly (string Prefix, string Code)[] PersonalEpisodic =
    [
        ("I26", "Z86711"),
        ("I80", "Z86718"), ("I81", "Z86718"), ("I82", "Z86718"),
        ("I63", "Z8673"), ("G45", "Z8673"),
        ("I46", "Z8674"),
        ("I21", "I252"), ("I22", "I252"),
        ("A4902", "Z8614"), ("B9562", "Z8614"), ("A4102", "Z8614"), ("J15212", "Z8614"),
        ("A15", "Z8611"), ("A16", "Z8611"), ("A17", "Z8611"), ("A18", "Z8611"), ("A19", "Z8611"),
        ("U071", "Z8616"),
        ("J12", "Z8701"), ("J13", "Z8701"), ("J14", "Z8701"), ("J15", "Z8701"), ("J16", "Z8701"), ("J17", "Z8701"), ("J18", "Z8701"),
        ("K25", "Z8711"), ("K26", "Z8711"), ("K27", "Z8711"), ("K28", "Z8711"),
        ("N390", "Z87440"),
        ("N20", "Z87442"), ("N21", "Z87442"), ("N22", "Z87442"), ("N23", "Z87442"),
        ("S06", "Z87820"),
        ("S02", "Z8781"), ("S12", "Z8781"), ("S22", "Z8781"), ("S32", "Z8781"), ("S42", "Z8781"), ("S52", "Z8781"), ("S62", "Z8781"),
        ("S72", "Z8781"), ("S82", "Z8781"), ("S92", "Z8781"),
        ("T1491", "Z9151"),
        ("D12", "Z860101"), ("K635", "Z860100"),
    ];

    /// <summary>The first row whose category range holds <paramref name="category"/> (narrow rows come before the wide ones).</summary>
    private static string? Lookup((string From, string To, string Code)[] rows, string category)
    {
        foreach (var (from, to, code) in rows)
        {
            if (string.CompareOrdinal(category, from) >= 0 && string.CompareOrdinal(category, to) <= 0)
                return code;
        }
        return null;
    }

    /// <summary>Malignant neoplasms of Chapter 2 (C00-C96); secondary sites (C77-C79) and C80 name no primary.</summary>
    private static bool IsMalignant(string category) =>
        category[0] == 'C' && string.CompareOrdinal(category, "C97") < 0 && category is not ("C77" or "C78" or "C79" or "C80" or "C7A" or "C7B");

    /// <summary>Z80: family history of malignant neoplasm of digestive organs, lung, other respiratory, breast, genital, urinary organs, leukemia, other lymphoid, other organs.</summary>
    private static readonly (string From, string To, string Code)[] FamilyMalignant =
    [
        ("C15", "C26", "Z800"),
        ("C33", "C33", "Z801"),
        ("C34", "C34", "Z801"),
        ("C30", "C39", "Z802"),
        ("C50", "C50", "Z803"),
        ("C56", "C56", "Z8041"),
        ("C61", "C61", "Z8042"),
        ("C62", "C62", "Z8043"),
        ("C51", "C63", "Z8049"),
        ("C64", "C64", "Z8051"),
        ("C67", "C67", "Z8052"),
        ("C65", "C68", "Z8059"),
        ("C91", "C95", "Z806"),
        ("C81", "C96", "Z807"),
        ("C00", "C96", "Z808"),
    ];

    /// <summary>Z82-Z84: sudden cardiac death, stroke, other circulatory disease, diabetes, epilepsy and other nervous system diseases, asthma, polycystic kidney, other kidney disease, osteoporosis, alcohol, tobacco and other substance use, other mental disorders.</summary>
    private static readonly (string From, string To, string Code)[] FamilyOther =
    [
        ("I46", "I46", "Z8241"),
        ("I60", "I69", "Z823"),
        ("I00", "I99", "Z8249"),
        ("E08", "E13", "Z833"),
        ("G40", "G41", "Z820"),
        ("G00", "G99", "Z820"),
        ("J45", "J45", "Z825"),
        ("Q61", "Q61", "Z8271"),
        ("N00", "N29", "Z841"),
        ("M80", "M80", "Z8262"),
        ("M81", "M81", "Z8262"),
        ("F10", "F10", "Z811"),
        ("F17", "F17", "Z812"),
        ("F11", "F19", "Z813"),
        ("F01", "F99", "Z818"),
    ];

    /// <summary>Z85: personal history of malignant neoplasm, by the site of the primary.</summary>
    private static readonly (string From, string To, string Code)[] PersonalMalignant =
    [
        ("C15", "C15", "Z8501"),
        ("C16", "C16", "Z85028"),
        ("C18", "C18", "Z85038"),
        ("C19", "C21", "Z85048"),
        ("C22", "C22", "Z8505"),
        ("C17", "C17", "Z85068"),
        ("C25", "C25", "Z8507"),
        ("C23", "C26", "Z8509"),
        ("C34", "C34", "Z85118"),
        ("C33", "C33", "Z8512"),
        ("C32", "C32", "Z8521"),
        ("C30", "C30", "Z8522"),
        ("C31", "C31", "Z8522"),
        ("C37", "C37", "Z85238"),
        ("C38", "C39", "Z8529"),
        ("C50", "C50", "Z853"),
        ("C53", "C53", "Z8541"),
        ("C54", "C54", "Z8542"),
        ("C55", "C55", "Z8542"),
        ("C56", "C56", "Z8543"),
        ("C51", "C58", "Z8544"),
        ("C61", "C61", "Z8546"),
        ("C62", "C62", "Z8547"),
        ("C60", "C60", "Z8549"),
        ("C63", "C63", "Z8549"),
        ("C67", "C67", "Z8551"),
        ("C64", "C64", "Z85528"),
        ("C65", "C65", "Z8553"),
        ("C66", "C66", "Z8554"),
        ("C68", "C68", "Z8559"),
        ("C91", "C95", "Z856"),
        ("C81", "C81", "Z8571"),
        ("C82", "C85", "Z8572"),
        ("C86", "C96", "Z8579"),
        ("C01", "C01", "Z85810"),
        ("C02", "C02", "Z85810"),
        ("C00", "C14", "Z85818"),
        ("C43", "C43", "Z85820"),
        ("C4A", "C4A", "Z85821"),
        ("C44", "C44", "Z85828"),
        ("C40", "C40", "Z85830"),
        ("C41", "C41", "Z85830"),
        ("C45", "C49", "Z85831"),
        ("C69", "C69", "Z85840"),
        ("C71", "C71", "Z85841"),
        ("C70", "C70", "Z85848"),
        ("C72", "C72", "Z85848"),
        ("C73", "C73", "Z85850"),
        ("C74", "C74", "Z85858"),
        ("C75", "C75", "Z85858"),
        ("C00", "C96", "Z8589"),
    ];
}
