using System.Text.RegularExpressions;
using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Validation;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// The ICD-10-CM Official Guidelines a US claim follows, applied to the validated codes the ranker would suggest (those at
/// or above the threshold are "coded"; the rules read them, not the long tail). Each rule cites its section. Pure: the
/// engine, the evaluation and the learner's operating point all call it, so the threshold is chosen on what it leaves.
/// </summary>
public static partial class ClaimsRules
{
    public static (IReadOnlyList<Candidate> Kept, IReadOnlyList<RemovedCandidate> Removed) Apply(PreparedNote note, IReadOnlyList<Candidate> validated,
        IReadOnlyList<RemovedCandidate> removedByValidation, double threshold, TermLexicon lexicon, CareSetting setting)
    {
        var kept = validated.ToList();
        var removed = removedByValidation.ToList();
        bool Coded(Candidate c) => c.Confidence >= threshold && kept.Contains(c);
        void Remove(Candidate c, string rule, string? by, string reason)
        {
            kept.Remove(c);
            removed.Add(new RemovedCandidate(c, rule, by, reason));
        }

        SameWordsOneReading(kept, Coded, Remove);
        StagedQualifier.OneStage(kept, Coded, Remove);
        Combinations.Apply(kept, Coded, Remove, lexicon, threshold);
        IntegralSymptoms(kept, Coded, Remove);
        EncounterCharacter.Apply(note, kept, Coded, Remove, lexicon);
        OneEncounterCharacter(kept, Coded, Remove);
        OneReasonForEncounter(kept, Coded, Remove);
        NormalPregnancyHasNoComplication(kept, Coded, Remove);
        ExternalCausesNeedAnInjury(kept, Coded, Remove);
        TemporaryInsulin(note, kept, Coded, Remove);
        ExternalCauseStatus.Apply(note, kept, Coded, Remove, lexicon, threshold);
        kept.Sort((a, b) => b.Score.CompareTo(a.Score) is var c and not 0 ? c : string.CompareOrdinal(a.Code, b.Code));
        return (kept, removed);
    }

    /// <summary>
    /// One condition, one code at the specificity documented (Guidelines I.B.2-3, I.A.9): "acute on chronic systolic heart
    /// failure" also contains "chronic systolic heart failure"; when every mention of a code lies inside a longer mention
    /// of another coded code of the same category, the words were one statement and the longer reading is the code.
    /// </summary>
    private static void SameWordsOneReading(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove)
    {
        foreach (var shorter in kept.Where(coded).ToList())
        {
            var longer = kept.FirstOrDefault(k => k != shorter && coded(k) && !k.Expanded && k.Code[..3] == shorter.Code[..3]
                && shorter.Mentions.All(s => k.Mentions.Any(m => SuggestionValidator.Contains(m.Match, s.Match))));
            if (longer is null)
                continue;
            remove(shorter, "one-reading", longer.Code, $"the same words read more specifically as {longer.Code} (I.B.2)");
            if (shorter.Confidence > longer.Confidence)
            {
                longer.Confidence = shorter.Confidence;
                longer.Score = shorter.Score;
            }
        }
    }

    /// <summary>
    /// Signs and symptoms routinely associated with a disease process are not coded beside its definitive diagnosis
    /// (Guidelines I.B.4-5; IV.D for outpatient): a symptom code (R00-R69) is removed when a coded definitive diagnosis
    /// belongs to a body system the symptom's block of Chapter 18 describes. Symptoms stay when no related diagnosis is
    /// coded, and the codes the Tabular asks for beside a diagnosis stay (R65.2- severe sepsis, R40.2- coma scale,
    /// R29.7- NIHSS, R45.851 suicidal ideation).
    /// </summary>
    private static void IntegralSymptoms(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove)
    {
        var diagnoses = kept.Where(c => coded(c) && IsDefinitiveDiagnosis(c.Code)).ToList();
        foreach (var symptom in kept.Where(c => coded(c) && SymptomSystems.IsIntegralCandidate(c.Code)).ToList())
        {
            if (diagnoses.FirstOrDefault(d => SymptomSystems.Related(symptom.Code, d.Code)) is { } diagnosis)
                remove(symptom, "integral-symptom", diagnosis.Code, $"symptom integral to {diagnosis.Code} (I.B.5)");
        }
    }

    /// <summary>
    /// A code takes one 7th character (Guidelines I.C.19.a): "initial encounter for closed fracture" and "… for open
    /// fracture" of the same fracture are one injury read two ways, so the better ranked one is the code.
    /// </summary>
    private static void OneEncounterCharacter(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove) =>
        KeepBestOfEach(kept.Where(c => coded(c) && c.Code.Length == 7 && c.Code[0] is 'S' or 'T' or 'M' or 'O').GroupBy(c => c.Code[..6]), remove,
            "one-encounter", best => $"the same condition with another 7th character, {best} (I.C.19.a)");

    /// <summary>
    /// One reason per encounter of a kind (Guidelines I.C.21.c.11, IV.K): "Encounter for supervision of normal first
    /// pregnancy" and "… of other normal pregnancy" are one visit read two ways, so the better ranked one is the code.
    /// </summary>
    private static void OneReasonForEncounter(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove) =>
        KeepBestOfEach(kept.Where(c => coded(c) && c.Code[0] == 'Z' && c.Title.StartsWith("Encounter for", StringComparison.OrdinalIgnoreCase)).GroupBy(c => c.Code[..3]),
            remove, "one-reason", best => $"the same encounter reason read as {best} (I.C.21.c.11)");

    /// <summary>
    /// "For routine outpatient prenatal visits when no complications are present, a code from category Z34 ... should be
    /// used ... [it] should not be used in conjunction with chapter 15 codes" (Guidelines I.C.15.b.1; Tabular Z34 Excludes1
    /// "any complication of pregnancy (O00-O9A)"): with a Chapter 15 code coded, the visit is not supervision of a normal
    /// pregnancy, whatever words the note used ("supervision of normal pregnancy otherwise").
    /// </summary>
    private static void NormalPregnancyHasNoComplication(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove)
    {
        if (kept.FirstOrDefault(c => coded(c) && c.Code[0] == 'O') is not { } complication)
            return;
        foreach (var normal in kept.Where(c => coded(c) && c.Code.StartsWith("Z34", StringComparison.Ordinal)).ToList())
            remove(normal, "normal-pregnancy", complication.Code, $"a normal pregnancy is not coded beside a complication of pregnancy, {complication.Code} (I.C.15.b.1)");
    }

    /// <summary>Codes read as one condition (a group): the best scored stays, the others are removed by it.</summary>
    private static void KeepBestOfEach(IEnumerable<IGrouping<string, Candidate>> groups, Action<Candidate, string, string?, string> remove, string rule,
        Func<string, string> reason)
    {
        foreach (var group in groups.Where(g => g.Count() > 1).ToList())
        {
            var best = group.OrderByDescending(c => c.Score).First();
            foreach (var other in group.Where(c => c != best))
                remove(other, rule, best.Code, reason(best.Code));
        }
    }

    /// <summary>
    /// External cause codes (V00-Y99) describe how an injury or other health condition that has an external cause came
    /// about (Guidelines I.C.20): with no injury, poisoning or adverse effect coded (Chapter 19, or a condition the note
    /// ties to an external cause through a T code), a place, activity or status code says nothing on the claim. Chapter
    /// 13's fractures that carry a 7th encounter character (pathological and stress fractures, M80/M84, I.C.13.c-d) are
    /// such conditions too: a fall that breaks an osteoporotic hip is coded with its cause.
    /// </summary>
    private static void ExternalCausesNeedAnInjury(List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove)
    {
        if (kept.Any(c => coded(c) && (c.Code[0] is 'S' or 'T' || IsMusculoskeletalEncounterCode(c.Code))))
            return;
        foreach (var cause in kept.Where(c => coded(c) && IsExternalCause(c.Code)).ToList())
            remove(cause, "external-cause", null, "an external cause code with no injury, poisoning or adverse effect coded (I.C.20)");
    }

    /// <summary>
    /// "Code Z79.4 should not be assigned if insulin is given temporarily to bring a type 2 patient's blood sugar under
    /// control during an encounter" (Guidelines I.C.4.a.3): when every sentence that names the insulin says it was a
    /// sliding scale, correctional, intravenous, while NPO or on steroids, or stopped, Z79.4 goes.
    /// </summary>
    private static void TemporaryInsulin(PreparedNote note, List<Candidate> kept, Func<Candidate, bool> coded, Action<Candidate, string, string?, string> remove)
    {
        if (kept.FirstOrDefault(c => coded(c) && c.Code == "Z794") is not { } insulin)
            return;
        if (insulin.Mentions.All(m => TemporaryInsulinWords().IsMatch(note.TextOf(note.Sentences[note.SentenceIndexAt(m.Match.Start)]))))
            remove(insulin, "temporary-insulin", null, "insulin given temporarily during the encounter is not long-term use (I.C.4.a.3)");
    }

    [GeneratedRegex(@"\b(sliding[- ]scale|correction(al)?( scale| insulin)?|ssi|temporar(y|ily)|while (npo|on steroids|inpatient|hospitali[sz]ed)|insulin (drip|infusion)|iv insulin|insulin \d+ ?u(nits)? iv|(stopped|discontinued) (at|before|on) discharge)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex TemporaryInsulinWords();

    /// <summary>A diagnosis, not a symptom (Chapter 18), a factor (Chapter 21) or an external cause (Chapter 20).</summary>
    public static bool IsDefinitiveDiagnosis(string code) => code.Length >= 3 && code[0] is not ('R' or 'Z') && !IsExternalCause(code);

    /// <summary>Chapter 20, external causes of morbidity (V00-Y99): never principal, no POA of their own without the CMS list.</summary>
    /// <summary>A Chapter 13 code with a 7th encounter character (M80.052A): a condition an external cause can explain.</summary>
    private static bool IsMusculoskeletalEncounterCode(string code) => code.Length == 7 && code[0] == 'M' && code[6] is 'A' or 'D' or 'G' or 'K' or 'P' or 'S';

    public static bool IsExternalCause(string code) => code.Length > 0 && code[0] is 'V' or 'W' or 'X' or 'Y';
}
