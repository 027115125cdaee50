namespace Coding.Core.Encounters;

/// <summary>
/// The account around an encounter, as the source system sends it: who (MRN, account number: identifiers, encrypted at
/// rest like the note), who pays, when the patient came and went, who attended and where the patient went after.
/// Every part is optional: a clinic note may come with none of it.
/// </summary>
/// <param name="DischargeDisposition">A code of FHIR R4's discharge-disposition code system (see <see cref="DischargeDispositions"/>).</param>
public sealed record EncounterContext(
    string? Mrn = null,
    string? AccountNumber = null,
    string? Payer = null,
    DateTimeOffset? AdmittedAt = null,
    DateTimeOffset? DischargedAt = null,
    string? Attending = null,
    string? DischargeDisposition = null)
{
    // No length of stay here: it counts midnights in the facility's time zone, and the stored instants are UTC (PostgreSQL
    // keeps no offset). The pages count it in the browser's local time, which is where the coder and the facility are.
    public static readonly EncounterContext None = new();
}

/// <summary>FHIR R4 discharge-disposition codes (http://terminology.hl7.org/CodeSystem/discharge-disposition), with their displays.</summary>
public static class DischargeDispositions
{
    public const string System = "http://terminology.hl7.org/CodeSystem/discharge-disposition";

    public static readonly IReadOnlyDictionary<string, string> Displays = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["home"] = "Home",
        ["alt-home"] = "Alternative home",
        ["other-hcf"] = "Other healthcare facility",
        ["hosp"] = "Hospice",
        ["long"] = "Long-term care",
        ["aadvice"] = "Left against advice",
        ["exp"] = "Expired",
        ["psy"] = "Psychiatric hospital",
        ["rehab"] = "Rehabilitation",
        ["snf"] = "Skilled nursing facility",
        ["oth"] = "Other",
    };
}
