namespace Coding.Core.Evaluation;

/// <summary>
/// How codes are compared in evaluation. CodiEsp writes "e11.9", our engine "E11.9", some sources "E119":
/// all three are one code. Display keeps the structure (upper case, dot where it was); comparison ignores case and dot.
/// Injury and external-cause codes (chapters 19 and 20) also compare without their 7th, encounter character: the
/// engine proposes the initial encounter ("A") and leaves the encounter to the coder (it cannot tell "A" from "D" or
/// "S" from a note's words), and CodiEsp writes these codes without it ("s72.001" for S72.001A, "w19.xxx" for
/// W19.XXXA; 271 of its 273 S and T codes). <see cref="Exact"/> keeps it, for the strict figure.
/// </summary>
public static class CodeKey
{
    /// <summary>Upper case, trimmed, structure unchanged: "e11.9" → "E11.9".</summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Trim().ToUpperInvariant();
    }

    /// <summary>
    /// The comparison key: upper case without dots ("e11.9" → "E119"); for an injury or external-cause code, also without
    /// the encounter character and the placeholders before it ("S72.001A" → "S72001", "T81.4XXA" and "t81.4xx" →
    /// "T814": CodiEsp writes "t14.90" and "t81.4xx" alike).
    /// </summary>
    public static string Match(string code)
    {
        var key = Exact(code);
        if (!IsInjuryOrExternalCause(key))
            return key;
        return (EndsWithEncounter(key) ? key[..6] : key).TrimEnd('X');
    }

    /// <summary>Whether the code is an injury or external-cause code with its 7th, encounter character ("S72.001A", not "S72.001").</summary>
    public static bool HasEncounterCharacter(string code)
    {
        var key = Exact(code);
        return IsInjuryOrExternalCause(key) && EndsWithEncounter(key);
    }

    private static bool EndsWithEncounter(string key) => key.Length == 7 && char.IsAsciiLetter(key[6]);

    /// <summary>
    /// Whether a set of comparison keys holds a code: the engine's "S72001A" is in CodiEsp's {"S72001"}; with the gold's
    /// <paramref name="edition"/>, its "R519" is in {"R51"}.
    /// </summary>
    public static bool HoldsCode(this IReadOnlySet<string> keys, string code, CodeEdition? edition = null) => keys.Contains(MatchIn(code, edition));

    /// <summary>The comparison key of a release code as a gold set in <paramref name="edition"/> writes it (none: the release's own).</summary>
    public static string MatchIn(string code, CodeEdition? edition) => Match(edition?.Of(code) ?? code);

    /// <summary>
    /// The initial-encounter code an injury or external-cause key written without its 7th character stands for
    /// ("S72001" → "S72001A", "W19" → "W19XXXA"), or null for other codes; whether it exists is the codebook's to say.
    /// </summary>
    public static string? InitialEncounter(string code)
    {
        var key = Exact(code);
        return IsInjuryOrExternalCause(key) && key.Length < 7 ? key.PadRight(6, 'X') + "A" : null;
    }

    /// <summary>Upper case without dots, every character compared: "s72.001a" → "S72001A".</summary>
    public static string Exact(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var trimmed = code.AsSpan().Trim();
        return string.Create(trimmed.Length - trimmed.Count('.'), code.Trim(), static (dest, src) =>
        {
            var j = 0;
            foreach (var c in src)
            {
                if (c != '.')
                    dest[j++] = char.ToUpperInvariant(c);
            }
        });
    }

    /// <summary>
    /// An ICD-10-CM code of chapters 19 and 20 (S00–Y99: a letter S to Y, then two digits). ICD-10-PCS codes never
    /// look like this: its S–Y section is X (New Technology), whose codes have a letter second or third ("XW0", "X2C").
    /// </summary>
    private static bool IsInjuryOrExternalCause(string key) =>
        key.Length >= 3 && key[0] is >= 'S' and <= 'Y' && char.IsAsciiDigit(key[1]) && char.IsAsciiDigit(key[2]);

    /// <summary>The 3-character category of a code: "E11.9" → "E11". Shorter codes are their own category.</summary>
    public static string Category(string code)
    {
        var key = Match(code);
        return key.Length <= 3 ? key : key[..3];
    }

    /// <summary>The key at the requested granularity.</summary>
    public static string At(string code, CodeGranularity granularity) => granularity switch
    {
        CodeGranularity.Category => Category(code),
        CodeGranularity.Exact => Exact(code),
        _ => Match(code),
    };
}

public enum CodeGranularity
{
    /// <summary>The full code ("E11.9").</summary>
    Full,

    /// <summary>The 3-character category ("E11"): credit for the right condition at the wrong specificity.</summary>
    Category,

    /// <summary>The full code with its encounter character too ("S72.001A" is not "S72.001D" nor CodiEsp's "s72.001").</summary>
    Exact,
}
