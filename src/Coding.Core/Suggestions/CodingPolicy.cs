namespace Coding.Core.Suggestions;

/// <summary>
/// What a code set is for. A US claim follows the ICD-10-CM Official Guidelines (one code per condition, the most
/// specific the documentation supports, no symptom integral to a coded diagnosis, a principal / first-listed diagnosis);
/// registries and research gold sets such as CodiEsp code every documented finding. The two disagree on most notes,
/// so the policy is a setting recorded on every suggestion set, evaluation and CDI run, with priors learned per policy.
/// </summary>
public enum CodingPolicy
{
    /// <summary>What a US coder submits on a claim under the Official Guidelines (the default).</summary>
    Claims,

    /// <summary>Every documented finding, as CodiEsp and registries annotate.</summary>
    Findings,
}

/// <summary>A diagnosis's place on the claim (Guidelines Section II for inpatient, Section IV for outpatient and ED).</summary>
public enum DiagnosisRole
{
    Secondary,

    /// <summary>Inpatient: the condition established after study to be chiefly responsible for the admission.</summary>
    Principal,

    /// <summary>Outpatient / ED: the condition chiefly responsible for the visit.</summary>
    FirstListed,
}

/// <summary>
/// Present-on-admission indicator for inpatient diagnoses (UB-04 / 837I): Y, N, U, W, or exempt (codes on the POA-exempt
/// list are reported without one; "1" in the 4010 era, blank since 5010).
/// </summary>
public enum PresentOnAdmission
{
    /// <summary>Y: present at the time of inpatient admission.</summary>
    Yes,

    /// <summary>N: not present at the time of inpatient admission.</summary>
    No,

    /// <summary>U: documentation insufficient to determine.</summary>
    Unknown,

    /// <summary>W: the provider is unable to clinically determine.</summary>
    Undetermined,

    /// <summary>The code is on the POA-exempt list.</summary>
    Exempt,
}

public static class ClaimIndicators
{
    /// <summary>The claim form's letter; empty for exempt codes.</summary>
    public static string Letter(this PresentOnAdmission poa) => poa switch
    {
        PresentOnAdmission.Yes => "Y",
        PresentOnAdmission.No => "N",
        PresentOnAdmission.Unknown => "U",
        PresentOnAdmission.Undetermined => "W",
        _ => "",
    };

    public static PresentOnAdmission? ParsePoa(string? letter) => letter?.Trim().ToUpperInvariant() switch
    {
        "Y" => PresentOnAdmission.Yes,
        "N" => PresentOnAdmission.No,
        "U" => PresentOnAdmission.Unknown,
        "W" => PresentOnAdmission.Undetermined,
        "" or "1" or "E" or "EXEMPT" => PresentOnAdmission.Exempt,
        _ => null,
    };

    /// <summary>The role the first diagnosis of a set takes in a setting.</summary>
    public static DiagnosisRole LeadRole(this Encounters.CareSetting setting) =>
        setting is Encounters.CareSetting.Inpatient ? DiagnosisRole.Principal : DiagnosisRole.FirstListed;
}
