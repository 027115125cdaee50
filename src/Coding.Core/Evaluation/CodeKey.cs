namespace Coding.Core.Evaluation;

/// <summary>
/// How codes are compared in evaluation. CodiEsp writes "e11.9", our engine "E11.9", some sources "E119":
/// all three are one code. Display keeps the structure (upper case, dot where it was); comparison ignores case and dot.
/// </summary>
public static class CodeKey
{
    /// <summary>Upper case, trimmed, structure unchanged: "e11.9" → "E11.9".</summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Trim().ToUpperInvariant();
    }

    /// <summary>The comparison key: upper case without dots: "e11.9" → "E119".</summary>
    public static string Match(string code)
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

    /// <summary>The 3-character category of a code: "E11.9" → "E11". Shorter codes are their own category.</summary>
    public static string Category(string code)
    {
        var key = Match(code);
        return key.Length <= 3 ? key : key[..3];
    }

    /// <summary>The key at the requested granularity.</summary>
    public static string At(string code, CodeGranularity granularity) =>
        granularity == CodeGranularity.Category ? Category(code) : Match(code);
}

public enum CodeGranularity
{
    /// <summary>The full code ("E11.9").</summary>
    Full,

    /// <summary>The 3-character category ("E11"): credit for the right condition at the wrong specificity.</summary>
    Category,
}
