using Coding.Core.Encounters;

namespace Coding.Core.Severity;

/// <summary>A suggestion's severity, as the coder UI badges it and the exports carry it.</summary>
/// <param name="CcMcc">"CC", "MCC" or null; set whatever the setting, so a coder sees it on an outpatient code too.</param>
/// <param name="CountsAsCcMcc">False for the principal and for a code the principal's PDX collection excludes.</param>
/// <param name="Hccs">V28 HCCs the code captures after the encounter's hierarchies; <paramref name="HccsTrumped"/>, those dropped.</param>
public sealed record SuggestionSeverity(
    string? CcMcc,
    bool CountsAsCcMcc,
    string? ExcludedBy,
    bool DischargedAliveOnly,
    IReadOnlyList<int> Hccs,
    IReadOnlyList<int> HccsTrumped);

/// <summary>
/// The encounter header: the MS-DRG severity tier (inpatient) and the HCCs captured (risk adjustment). <see cref="Applies"/>
/// says which of the two the setting is paid by: "cc-mcc" for inpatient, "hcc" otherwise.
/// </summary>
public sealed record EncounterSeverityView(
    string Applies,
    SeverityTier Tier,
    string TierLabel,
    IReadOnlyList<HccCaptured> Hccs,
    string? CcMccRelease,
    string? HccRelease)
{
    public static string AppliesTo(CareSetting setting) => setting == CareSetting.Inpatient ? "cc-mcc" : "hcc";

    public static EncounterSeverityView From(CareSetting setting, EncounterSeverity s) =>
        new(AppliesTo(setting), s.Tier, EncounterSeverity.TierLabel(s.Tier), s.Hccs, s.CcMccRelease, s.HccRelease);

    public static SuggestionSeverity? ForCode(EncounterSeverity s, string code)
    {
        var c = s.Codes.FirstOrDefault(x => x.Code == SeverityTable.Normalize(code));
        return c is null ? null : new SuggestionSeverity(c.Level switch { CcMccLevel.Mcc => "MCC", CcMccLevel.Cc => "CC", _ => null },
            c.CountsAsCcMcc, c.ExcludedBy, c.DischargedAliveOnly, c.Hccs, c.HccsTrumped);
    }
}
