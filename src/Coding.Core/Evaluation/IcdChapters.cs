namespace Coding.Core.Evaluation;

/// <summary>An ICD-10-CM chapter and the category range it covers (inclusive).</summary>
public sealed record IcdChapter(int Number, string First, string Last, string Title);

/// <summary>
/// The 22 chapters of ICD-10-CM (FY2026 tabular list). Chapter 22 (U00–U85, codes for special purposes) comes last in
/// the tabular list although its letter sorts earlier. Categories with a letter in third place (C4A, D3A, M1A, O9A,
/// Z3A) sort after the digits of the same decade, which is where the tabular list puts them.
/// </summary>
public static class IcdChapters
{
    public static readonly IReadOnlyList<IcdChapter> All =
    [
        new(1, "A00", "B99", "Certain infectious and parasitic diseases"),
        new(2, "C00", "D49", "Neoplasms"),
        new(3, "D50", "D89", "Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism"),
        new(4, "E00", "E89", "Endocrine, nutritional and metabolic diseases"),
        new(5, "F01", "F99", "Mental, behavioral and neurodevelopmental disorders"),
        new(6, "G00", "G99", "Diseases of the nervous system"),
        new(7, "H00", "H59", "Diseases of the eye and adnexa"),
        new(8, "H60", "H95", "Diseases of the ear and mastoid process"),
        new(9, "I00", "I99", "Diseases of the circulatory system"),
        new(10, "J00", "J99", "Diseases of the respiratory system"),
        new(11, "K00", "K95", "Diseases of the digestive system"),
        new(12, "L00", "L99", "Diseases of the skin and subcutaneous tissue"),
        new(13, "M00", "M99", "Diseases of the musculoskeletal system and connective tissue"),
        new(14, "N00", "N99", "Diseases of the genitourinary system"),
        new(15, "O00", "O9A", "Pregnancy, childbirth and the puerperium"),
        new(16, "P00", "P96", "Certain conditions originating in the perinatal period"),
        new(17, "Q00", "Q99", "Congenital malformations, deformations and chromosomal abnormalities"),
        new(18, "R00", "R99", "Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified"),
        new(19, "S00", "T88", "Injury, poisoning and certain other consequences of external causes"),
        new(20, "V00", "Y99", "External causes of morbidity"),
        new(21, "Z00", "Z99", "Factors influencing health status and contact with health services"),
        new(22, "U00", "U85", "Codes for special purposes"),
    ];

    /// <summary>The chapter of an ICD-10-CM code ("e11.9", "O9A.1", "C4A"), or null when the code has no
    /// ICD-10-CM category shape (an ICD-10-PCS code such as "bt41zzz" or "0TCB", or a category outside every range).</summary>
    public static IcdChapter? Of(string code)
    {
        var key = CodeKey.Match(code);
        if (Ordinal(key) is not { } ordinal)
            return null;
        foreach (var chapter in All)
        {
            if (ordinal >= Ordinal(chapter.First) && ordinal <= Ordinal(chapter.Last))
                return chapter;
        }
        return null;
    }

    // Letter, digit, then digit or letter: "E11" -> E*1000 + 1*100 + 1*10; "O9A" -> O*1000 + 9*100 + 95.
    private static int? Ordinal(string key)
    {
        if (key.Length < 3 || !char.IsAsciiLetterUpper(key[0]) || !char.IsAsciiDigit(key[1]))
            return null;
        int third;
        if (char.IsAsciiDigit(key[2]))
            third = (key[2] - '0') * 10;
        else if (char.IsAsciiLetterUpper(key[2]))
            third = 95;
        else
            return null;
        return (key[0] - 'A') * 1000 + (key[1] - '0') * 100 + third;
    }
}
