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

    /// <summary>True where uncertain diagnoses are coded as if established (inpatient facility coding only).</summary>
    public static bool CodesUncertainDiagnoses(CareSetting setting) => setting == CareSetting.Inpatient;
}
