using Coding.Core.Encounters;

namespace Coding.Core.Engine.Preparation;

/// <summary>
/// Whether an asserted mention supports coding the condition itself for a care setting. History and family-history
/// codes (Z80–Z87, I25.2 ...) are a separate decision the engine makes from the same <see cref="Assertion"/>.
/// </summary>
public static class AssertionCoding
{
    /// <summary>
    /// Present conditions of the patient are coded. Uncertain ones ("probable", "suspected", "rule out") only where the
    /// ICD-10-CM Official Guidelines code them as if established: inpatient admissions (Section II.H, III.C). Outpatient,
    /// emergency and observation encounters follow Section IV.H (code the signs and symptoms instead), and so does
    /// professional (physician) coding, even for inpatient visits. Negated, hypothetical, historical and family
    /// mentions, and conditions of someone other than the patient, never support the condition code.
    /// </summary>
    public static bool SupportsConditionCode(Assertion assertion, CareSetting setting)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        if (assertion.Experiencer != Experiencer.Patient)
            return false;
        return assertion.Status switch
        {
            AssertionStatus.Present => true,
            AssertionStatus.Uncertain => CodesUncertainDiagnoses(setting),
            _ => false,
        };
    }

    /// <summary>
    /// Whether a mention supports <paramref name="code"/> (no dot). History, status and family-history codes are about
    /// the past or about relatives by definition, so the mention that blocks a condition code is the one that supports
    /// them (Guidelines I.C.21.c.4, "history codes"): a personal history or status Z code (Z85–Z99 outside the family
    /// block) is coded from a historical mention of the patient ("history of tuberculosis", "s/p hysterectomy"), and a
    /// family-history code (Z80–Z84) from a mention about a relative or one whose own words say "family history". Negated and hypothetical mentions never
    /// support any code, and the condition's own code still needs a present (or inpatient uncertain) mention.
    /// </summary>
    public static bool SupportsCode(string code, Assertion assertion, CareSetting setting)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(assertion);
        // A family-history code's words name the family ("Family history of stroke", Index "History, family"), and
        // trigger words inside a mention do not assert it, so such a mention reads as present: it supports the code.
        if (IsFamilyHistoryCode(code))
            return assertion.Status is AssertionStatus.Family or AssertionStatus.Present;
        if ((IsHistoryOrStatusCode(code) || IsLifelongCondition(code)) && assertion.Experiencer == Experiencer.Patient && assertion.Status == AssertionStatus.Historical)
            return true;
        return SupportsConditionCode(assertion, setting);
    }

    /// <summary>
    /// Chronic conditions that do not end once diagnosed (essential and hypertensive heart/kidney disease, diabetes,
    /// lipid disorders, atrial fibrillation, chronic ischaemic heart disease, heart failure, chronic kidney disease,
    /// COPD, asthma, hypothyroidism, HIV disease, chronic viral hepatitis, cirrhosis, Parkinson's, Alzheimer's,
    /// multiple sclerosis, epilepsy, dementia, rheumatoid arthritis, lupus). History codes are for conditions that "no
    /// longer exist" (Guidelines I.C.21.c.4) and there is none for these: a past-history list naming one ("history of
    /// hypertension", "antecedents: type 2 diabetes") documents a current chronic condition, which Section III codes
    /// when it affects care. The ranker sees such a candidate as historical (feature "only-historical") and learns on
    /// train how often it is coded.
    /// </summary>
    public static bool IsLifelongCondition(string code) =>
        code.Length >= 3 && LifelongCategories.Contains(code[..3]);

    private static readonly HashSet<string> LifelongCategories = new(StringComparer.Ordinal)
    {
        "I10", "I11", "I12", "I13", "I15", "E08", "E09", "E10", "E11", "E13", "E78", "I48", "I25", "I50", "N18", "J44",
        "J45", "E03", "B20", "B18", "K74", "G20", "G30", "G35", "G40", "F01", "F03", "M05", "M06", "M32",
    };

    /// <summary>Z80–Z84: family history of a condition.</summary>
    public static bool IsFamilyHistoryCode(string code) =>
        code.Length >= 3 && code[0] == 'Z' && code[1] == '8' && code[2] is >= '0' and <= '4';

    /// <summary>Z85–Z99 outside the family block, and Z79 (long-term drug therapy): personal history and status.</summary>
    public static bool IsHistoryOrStatusCode(string code) =>
        code.Length >= 3 && code[0] == 'Z' && (code[1] == '9' || (code[1] == '8' && code[2] >= '5') || (code[1] == '7' && code[2] == '9'));

    /// <summary>True where uncertain diagnoses are coded as if established (inpatient facility coding only).</summary>
    public static bool CodesUncertainDiagnoses(CareSetting setting) => setting == CareSetting.Inpatient;
}
