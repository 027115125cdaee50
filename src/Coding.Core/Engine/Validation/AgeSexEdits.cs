using Coding.Core.Encounters;

namespace Coding.Core.Engine.Validation;

/// <summary>
/// The age and sex edits the codebook files here do not carry (the CMS order file has no such columns), written out
/// for the obvious families, as the Medicare Code Editor applies them. Unknown age or sex never removes a code.
/// </summary>
public static class AgeSexEdits
{
    private sealed record Rule(string From, string To, PatientSex? Sex, int? MinAge, int? MaxAge, string Reason);

    // Ranges compare on the first three characters, inclusive ("N70".."N9A").
    private static readonly Rule[] Rules =
    [
        new("O00", "O9A", PatientSex.Female, 12, 55, "pregnancy codes: female 12–55"),
        new("Z3A", "Z3A", PatientSex.Female, 12, 55, "weeks of gestation: female 12–55"),
        new("P00", "P96", null, 0, 0, "perinatal codes: newborn (age 0)"),
        new("N40", "N53", PatientSex.Male, null, null, "male genital organs"),
        new("C60", "C63", PatientSex.Male, null, null, "male genital organs"),
        new("N70", "N9A", PatientSex.Female, null, null, "female pelvic and genital organs"),
        new("C51", "C58", PatientSex.Female, null, null, "female genital organs"),
    ];

    /// <summary>Null when the code fits the patient, else why it does not.</summary>
    public static string? Conflict(string code, int? age, PatientSex sex)
    {
        if (code.Length < 3)
            return null;
        var category = code[..3];
        foreach (var rule in Rules)
        {
            if (string.CompareOrdinal(category, rule.From) < 0 || string.CompareOrdinal(category, rule.To) > 0)
                continue;
            if (rule.Sex is { } required && sex != PatientSex.Unknown && sex != required)
                return rule.Reason;
            if (age is { } years && ((rule.MinAge is { } min && years < min) || (rule.MaxAge is { } max && years > max)))
                return rule.Reason;
        }
        return null;
    }
}
