using Coding.Core.Suggestions;

namespace Coding.Core.Codebooks.Parsing;

/// <summary>
/// One spelling for codes in storage (upper case, no dot) and one for people (ICD-10-CM with its dot).
/// Everything that compares codes goes through <see cref="Normalize"/>, so "e11.9", "E119" and " E11.9 " are the same code.
/// </summary>
public static class CodeFormat
{
    public static string Normalize(string code)
    {
        Span<char> buffer = stackalloc char[code.Length];
        var n = 0;
        foreach (var c in code)
        {
            if (c is '.' or ' ' or '\t' or '-') continue;
            buffer[n++] = char.ToUpperInvariant(c);
        }
        return new string(buffer[..n]);
    }

    /// <summary>
    /// What a coder types when they mean a code or the start of one, in any case, with or without the dot: "I50.23",
    /// "i5023", "E11", "s93401a", "G0439", "0DTJ4ZZ". Letters and digits only (plus one dot after three characters),
    /// 3-7 characters and at least one digit, so plain words ("copd") are never read as codes. An abbreviation that looks
    /// like one ("t1dm") finds no code under that prefix, and the search then reads it as words.
    /// </summary>
    public static string? AsCodePrefix(string text)
    {
        var t = text.Trim();
        if (t.Length is < 3 or > 8) return null;
        var dot = t.IndexOf('.');
        if (dot >= 0 && (dot != 3 || t.IndexOf('.', dot + 1) >= 0)) return null;
        if (!t.All(c => c == '.' || char.IsAsciiLetterOrDigit(c)) || !t.Any(char.IsAsciiDigit)) return null;
        var code = Normalize(t);
        return code.Length is >= 3 and <= 7 ? code : null;
    }

    /// <summary>ICD-10-CM shows a dot after the category (E11.9); the other systems have none.</summary>
    public static string Display(CodeSystem system, string normalized) =>
        system == CodeSystem.Icd10Cm && normalized.Length > 3 ? $"{normalized[..3]}.{normalized[3..]}" : normalized;

    /// <summary>Name used in files, options and the CLI (`--system icd10cm`).</summary>
    public static string Slug(CodeSystem system) => system switch
    {
        CodeSystem.Icd10Cm => "icd10cm",
        CodeSystem.Icd10Pcs => "icd10pcs",
        CodeSystem.Hcpcs => "hcpcs",
        CodeSystem.Cpt => "cpt",
        _ => throw new ArgumentOutOfRangeException(nameof(system)),
    };

    public static CodeSystem? ParseSystem(string? slug) => slug?.Trim().ToLowerInvariant() switch
    {
        "icd10cm" or "icd-10-cm" or "cm" => CodeSystem.Icd10Cm,
        "icd10pcs" or "icd-10-pcs" or "pcs" => CodeSystem.Icd10Pcs,
        "hcpcs" => CodeSystem.Hcpcs,
        "cpt" => CodeSystem.Cpt,
        _ => null,
    };

    /// <summary>
    /// ICD-10-CM and PCS years are federal fiscal years (FY N = Oct 1 of N-1 .. Sep 30 of N); HCPCS and CPT are calendar years.
    /// </summary>
    public static (DateOnly From, DateOnly To) EffectiveRange(CodeSystem system, int year) => system switch
    {
        CodeSystem.Icd10Cm or CodeSystem.Icd10Pcs => (new DateOnly(year - 1, 10, 1), new DateOnly(year, 9, 30)),
        _ => (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)),
    };
}
